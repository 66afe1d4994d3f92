using NUnit.Framework;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Tests.Frontend;

/// <summary>
/// Structs whose members are integers: a local struct variable is one variable per member (<c>s.m</c>), initialized
/// by a brace list or left with arbitrary values, copied member by member; everything else about structs is refused.
/// </summary>
[TestFixture]
public sealed class StructTests
{
    private const string Range = "struct range { int lo; int hi; };\n";

    private static ProgramIr Parse(string text) => CFrontend.Parse(text, "t.c", usePreprocessor: false);

    private static string Body(string text)
    {
        var program = Parse(text);
        Assert.That(program.RefusedFunctions, Is.Empty, "no refusal");
        return IrText.Of(program.Find("f")!.Body);
    }

    private static string RefusalOf(string text)
    {
        var program = Parse(text);
        Assert.That(program.RefusedFunctions, Has.Length.EqualTo(1), "one refused function");
        var refused = program.RefusedFunctions[0];
        return $"{refused.At}: {refused.Reason}";
    }

    [Test]
    public void ALocalStructIsOneVariablePerMember()
    {
        Assert.That(
            Body(Range + "int f(int n) { struct range r; r.lo = 0; r.hi = n; while (r.lo < r.hi) r.lo++; return r.lo; }"),
            Is.EqualTo("{ (decl int r.lo) (decl int r.hi) (= r.lo 0) (= r.hi n) (while (< r.lo r.hi) (=post r.lo (+ r.lo 1))) (return r.lo) }"));
    }

    [Test]
    public void ABraceListInitializesTheMembersInOrderAndTheRestToZero()
    {
        Assert.That(
            Body(Range + "int f(int n) { struct range r = {n}; return r.hi; }"),
            Is.EqualTo("{ (decl int r.lo n) (decl int r.hi 0) (return r.hi) }"));
    }

    [Test]
    public void ATypedefNamesAStructAndAssignmentCopiesEveryMember()
    {
        Assert.That(
            Body("typedef struct { unsigned a; int b; } pair;\nint f(int n) { pair p = {1, n}, q; q = p; return q.b; }"),
            Is.EqualTo("{ (decl uint p.a 1) (decl int p.b n) (decl uint q.a) (decl int q.b) { (= q.a p.a) (= q.b p.b) } (return q.b) }"));
    }

    [Test]
    public void TheInterpreterRunsStructMembers()
    {
        var program = Parse(Range + "int f(void) { struct range r = {3, 7}, s; s = r; s.lo += 10; return s.lo * 100 + r.lo * 10 + s.hi - r.hi; }");
        // s is declared without a value: its members draw one each, which the copy then replaces.
        var outcome = Interpreter.Run(program, "f", [], [5, 6], new InterpreterOptions()).Outcome;
        Assert.That(outcome, Is.EqualTo(new Returned(1330)));
    }

    [TestCase("int f(void) { struct range r; struct range *p = &r; return 0; }", "t.c:2:49: unsupported: '&r' used as a pointer to struct 'range'")]
    [TestCase("int g(struct range r) { return r.lo; } int f(void) { return 0; }", "t.c:2:7: unsupported: struct")]
    [TestCase("int f(void) { struct range r; r.lo = 0; r.hi = 0; return r == r; }", "t.c:2:58: unsupported: struct 'r' used other than through its members (passed, returned, compared or its address taken)")]
    [TestCase("union u { int a; long b; }; int f(void) { union u x; x.a = 1; return x.a; }", "t.c:2:43: unsupported: union")]
    [TestCase("struct list { struct list *next; }; int f(void) { struct list l; return 0; }", "t.c:2:63: unsupported: struct variable 'l' with the pointer member 'next' (a struct with pointers lives on the heap)")]
    [TestCase("struct list { struct list **next; }; int f(void) { return 0; } int g(void) { struct list l; return 0; }", "t.c:2:78: unsupported: struct 'list', whose declaration at t.c:2:27 is outside the subset (unsupported: struct member that is a struct, or a pointer to a pointer to one)")]
    [TestCase("int f(void) { struct range r, s; int v = (r = s); return v; }", "t.c:2:43: unsupported: the value of a struct assignment used inside an expression")]
    [TestCase("int f(void) { struct range r = {.hi = 1}; return r.hi; }", "t.c:2:32: unsupported: struct initializer other than a list of values, and of lists in braces for array members (designators, other braces)")]
    public void OtherStructsAreRefused(string text, string expected)
    {
        var program = Parse(Range + text);
        Assert.That(program.RefusedFunctions.Select(r => $"{r.At}: {r.Reason}"), Has.Member(expected));
    }

    [Test]
    public void AMissingMemberIsAnError()
    {
        var error = Assert.Throws<SourceException>(() => Parse(Range + "int f(void) { struct range r; return r.mid; }"));
        Assert.That(error!.Message, Is.EqualTo("t.c:2:40: struct 'range' has no member 'mid'"));
    }
}
