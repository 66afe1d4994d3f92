using System.Numerics;
using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Cfg;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// A function with pointer parameters analyzed on its own: each pointer is the null pointer or points to the start of
/// an object of any length with any contents, which a caller may pass. The witness names the object's length (or
/// NULL), and the interpreter replays it.
/// </summary>
public sealed class CallerObjectTests
{
    [Test]
    public void AStringWalkIsUndefinedForANullPointerAndTerminatesWithoutUndefinedBehaviour()
    {
        var (witness, replayed) = CProgram.ReplayedNo("int count(const char *s) { if (s == 0) return -1; int n = 0; while (s[n] != 0) n++; return n; }", "count");
        // A non-null pointer to an object without a 0 inside: the walk reads past its end.
        var input = witness.Inputs.Single();
        Assert.That(input.IsPointer, Is.True);
        Assert.That(input.Value, Is.GreaterThanOrEqualTo(BigInteger.Zero));
        Assert.That(replayed.What, Does.StartWith("out-of-bounds read of '*s"));
        var result = CProgram.Analyze(CProgram.Accepted("int count(const char *s) { if (s == 0) return -1; int n = 0; while (s[n] != 0) n++; return n; }"), "count");
        Assert.That(result.UndefinedBehaviour!.TerminatesWithoutUndefinedBehaviour, Is.InstanceOf<Yes>());
    }

    [Test]
    public void ADereferenceWithoutANullTestIsUndefinedForTheNullPointer()
    {
        var (witness, replayed) = CProgram.ReplayedNo("int first(const int *a) { return a[0] > 0; }", "first");
        Assert.That(replayed.What, Does.StartWith("null pointer dereferenced").Or.StartWith("out-of-bounds read of '*a[0]' (its length is 0)"));
        Assert.That(witness.Inputs.Single().Describe(), Is.EqualTo("a = NULL").Or.EqualTo("a = a pointer to 0 elements"));
    }

    [Test]
    public void AFunctionThatOnlyComparesItsPointerTerminates()
    {
        var program = CProgram.Accepted("int is_null(int *p) { int *q = p; return q == 0; }");
        var result = CProgram.Analyze(program, "is_null");
        Assert.That(result.Verdict, Proved.Terminates);
        Assert.That(result.UndefinedBehaviour!.UndefinedBehaviourReachable, Is.InstanceOf<UndefinedBehaviourUnreachable>());
        // The input -1 is the null pointer; any other is the length of the object the pointer points to the start of.
        Assert.That(Interpreter.Run(program, "is_null", [CallerObject.NullInput], [], new InterpreterOptions()).Outcome, Is.EqualTo(new Returned(1)));
        Assert.That(Interpreter.Run(program, "is_null", [new BigInteger(3)], [], new InterpreterOptions()).Outcome, Is.EqualTo(new Returned(0)));
        Assert.That(Interpreter.Run(program, "is_null", [new BigInteger(-2)], [], new InterpreterOptions()).Outcome, Is.TypeOf<InvalidInput>());
    }

    [Test]
    public void TheContentsOfTheObjectAreDrawnWhenFirstRead()
    {
        var program = CProgram.Accepted("int second(const int *a) { return a[1]; }");
        var run = Interpreter.Run(program, "second", [new BigInteger(2)], [new BigInteger(42)], new InterpreterOptions());
        Assert.That(run.Outcome, Is.EqualTo(new Returned(42)));
        Assert.That(run.NondetOrigins.Single().Source, Does.Contain("'*a'"));
        Assert.That(Interpreter.Run(program, "second", [BigInteger.One], [], new InterpreterOptions()).Outcome, Is.TypeOf<UndefinedBehaviour>());
    }

    [Test]
    public void ALoopThatAnElementKeepsGoingIsNeverProvedToTerminate()
    {
        // From an object whose first element is 7 the loop runs forever: neither answer may be Yes.
        var program = CProgram.Accepted("void spin(const int *p) { if (p == 0) return; while (p[0] == 7) { } }");
        var result = CProgram.Analyze(program, "spin");
        Assert.That(result.Verdict, Proved.DoesNotTerminate);
        Assert.That(result.UndefinedBehaviour!.TerminatesWithoutUndefinedBehaviour, Is.Not.InstanceOf<Yes>());
        var run = Interpreter.Run(program, "spin", [BigInteger.One], [new BigInteger(7)], new InterpreterOptions { StepLimit = 1000 });
        Assert.That(run.Outcome, Is.TypeOf<StepLimit>());
    }

    [Test]
    public void ALoopThatDoesNotReadTheObjectRunsForeverFromAnyPointer()
    {
        var result = CProgram.Analyze(CProgram.Accepted("int wait(const char *s, int n) { while (n > 0) { } return s == 0; }"), "wait");
        Assert.That(result.Verdict, Proved.DoesNotTerminate);
        Assert.That(((No)result.Verdict).Witness.Kind, Is.EqualTo(WitnessKind.Nontermination));
        Assert.That(((No)result.Verdict).Witness.Inputs[0].IsPointer, Is.True);
    }

    [Test]
    public void ANullPointerPassedToTheLibraryIsUndefined()
    {
        var (witness, replayed) = CProgram.ReplayedNo("int length(const char *s) { return strlen(s) > 3; }", "length");
        Assert.That(witness.Inputs.Single().Describe(), Is.EqualTo("s = NULL").Or.StartWith("s = a pointer to"));
        Assert.That(replayed.What, Does.StartWith("null pointer").Or.Contain("'strlen'"));
    }

    [Test]
    public void TwoPointersThatOnlyReadAreAnswered()
    {
        const string text = "int compare(const char *a, const char *b) { while (*a && *a == *b) { a++; b++; } return *a - *b; }";
        CProgram.ReplayedNo(text, "compare");
        Assert.That(CProgram.Analyze(CProgram.Accepted(text), "compare").UndefinedBehaviour!.TerminatesWithoutUndefinedBehaviour, Is.InstanceOf<Yes>());
    }

    [TestCase("void copy(char *d, const char *s) { while ((*d++ = *s++) != 0) ; }", "copy",
        "a caller may pass pointer parameters 'd' and 's' pointers into one object, through which the function stores (in 'copy'), and the analysis gives each pointer an object of its own")]
    [TestCase("int g; int set(int *p) { g = 1; return *p; }", "set",
        "a caller may pass pointer parameter 'p' a pointer to a variable at file scope, which the function uses while it stores into memory or such a variable (in 'set'), and the analysis gives each pointer an object of its own")]
    [TestCase("int t[4]; void put(int *p) { *p = 1; t[0] = 0; }", "put",
        "a caller may pass pointer parameter 'p' a pointer to a variable at file scope, which the function uses while it stores into memory or such a variable (in 'put'), and the analysis gives each pointer an object of its own")]
    public void PointersThatMayShareAnObjectWithAStoreAnswerOnlyWhatSharingCannotChange(string text, string function, string reason)
    {
        // With d == s + 1, copy never meets the terminator it writes; with p == &g, set reads 1. The encoding gives each
        // pointer a fresh object: its replayed witness is still a run of C, but what holds for its runs without
        // undefined behaviour need not hold for those with shared objects.
        var (witness, _) = CProgram.ReplayedNo(text, function);
        Assert.That(witness.Inputs.Any(i => i.IsPointer), Is.True);
        var result = CProgram.Analyze(CProgram.Accepted(text), function);
        Assert.That(result.UndefinedBehaviour!.TerminatesWithoutUndefinedBehaviour, Is.InstanceOf<DontKnow>().With.Property(nameof(DontKnow.Reason)).EqualTo(reason));
    }

    [Test]
    public void AValueThatOnlySharedObjectsReturnIsNotRuledOut()
    {
        // With a == b the function returns 1; with objects of their own, never.
        var program = CProgram.Accepted("int both(int *a, int *b) { if (a == 0 || b == 0) return 0; *a = 0; *b = 1; return *a; }");
        var canReturn = TerminationAnalyzer.Analyze(program, new AnalysisOptions { Function = "both", CanReturn = "1", Timeout = TimeSpan.FromSeconds(20) }).Functions.Single().CanReturn!;
        Assert.That(canReturn.Verdict, Is.Not.EqualTo(CanReturnVerdict.No), canReturn.Reason);
    }

    [Test]
    public void WithoutAnAccessThroughItsPointerAFunctionThatMayShareObjectsIsProvedToTerminate()
    {
        // Sharing changes nothing before the first access through a pointer parameter, which never comes here.
        var program = CProgram.Accepted("int g; int note(int *p) { g = 1; return p == 0; }");
        var result = CProgram.Analyze(program, "note");
        Assert.That(result.Verdict, Proved.Terminates);
        Assert.That(result.UndefinedBehaviour!.TerminatesWithoutUndefinedBehaviour, Is.InstanceOf<Yes>());
    }

    [Test]
    public void ACallerPassesItsObjectsToAFunctionThatMayShareThemOnItsOwn()
    {
        var program = CProgram.Accepted("void copy(char *d, const char *s) { while ((*d++ = *s++) != 0) ; }\nint main(void) { char a[3] = \"ab\"; char b[3]; copy(b, a); return b[1]; }");
        Assert.That(CProgram.Analyze(program, "main").Verdict, Proved.Terminates);
    }

    [TestCase("int main(void) { char a[2] = \"x\"; char b[2] = \"x\"; return sub(a, b); }", 0)]
    [TestCase("int main(void) { char a[2] = \"x\"; char *p = a; if (a[1] != 0) p = 0; return sub(a, p); }", 1)]
    public void AnInlinedCallChecksNoPointerForNullThatOnlyEverHoldsPointersIntoObjects(string main, int checkedPointers)
    {
        // ps and pt start from the arguments and only move within their arrays: with arguments formed within arrays,
        // no null check is left; an argument that may be null keeps the checks of the variables it reaches.
        const string sub = "int sub(char *s, char *t) { char *ps = s; char *pt = t; while (*ps != 0 && *pt != 0) { if (*ps == *pt) ps++; pt++; } return *pt == 0; }\n";
        var program = CProgram.Accepted(sub + main);
        var graph = Lowering.Lower(program, program.Find("main")!, IntegerSemantics.C, new Dictionary<string, bool>());
        var nullChecks = graph.Nodes.Count(n => n.Kind == NodeKind.UndefinedBehaviour && n.Description.Contains("null pointer", StringComparison.Ordinal));
        Assert.That(nullChecks > 0, Is.EqualTo(checkedPointers > 0), string.Join("; ", graph.Nodes.Where(n => n.Kind == NodeKind.UndefinedBehaviour).Select(n => n.Description)));
        Assert.That(CProgram.Analyze(program, "main").Verdict, Proved.Terminates);
    }

    [TestCase("int f(int *p) { if (p) return 1; return 0; }", -1, 0)]
    [TestCase("int f(int *p) { if (p) return 1; return 0; }", 2, 1)]
    [TestCase("int f(int *p) { int n = 0; while (p) { p = 0; n++; } return n; }", 3, 1)]
    [TestCase("int f(int *p) { return p ? 5 : 7; }", -1, 7)]
    [TestCase("int f(const char *s) { return s && *s; }", -1, 0)]
    public void APointerAsATruthValueTestsWhetherItIsNotNull(string text, int input, int returned)
    {
        var program = CProgram.Accepted(text);
        Assert.That(CProgram.Run(program, "f", input), Is.EqualTo(new Returned(returned)));
    }

    [Test]
    public void ANullTestOfAPointerGuardsTheDereference()
    {
        // A non-null pointer may still point to an empty object.
        var (witness, replayed) = CProgram.ReplayedNo("int f(const char *s) { return s && *s; }", "f");
        Assert.That(witness.Inputs.Single().Describe(), Is.EqualTo("s = a pointer to 0 elements"));
        Assert.That(replayed.What, Does.StartWith("out-of-bounds read"));
        Assert.That(CProgram.Analyze(CProgram.Accepted("int f(int *p) { int n = 0; while (p) { p = 0; n++; } return n; }"), "f").Verdict, Proved.Terminates);
    }

    [Test]
    public void ACallOfARefusedFunctionWithPointerParametersSaysItIsOutsideTheSubset()
    {
        var program = Terminator.Frontend.CFrontend.Parse("int f(int m[][3]) { return m[0] != 0; }\nint main(void) { int a[1][3] = {{1, 2, 3}}; return f(a); }", "t.c", usePreprocessor: false);
        Assert.That(program.FindRefused("main")!.Reason, Is.EqualTo("unsupported: call of 'f', which is outside the subset"));
    }

    [Test]
    public void ANullPointerStoredIntoAParameterIsDefined()
    {
        var program = CProgram.Accepted("int reset(int *p) { p = 0; return p == 0; }");
        Assert.That(CProgram.Analyze(program, "reset").Verdict, Proved.Terminates);
    }

    [Test]
    public void APointerThatMayBeNullPassedToAFunctionOfTheProgramIsTestedThere()
    {
        const string text = "char *find(char *s, int c) { while (*s != 0 && *s != c) s++; return *s == c ? s : 0; }\n"
            + "int rest(const char *t) { return t == 0 ? 0 : t[0]; }\n"
            + "int main(void) { char a[3] = \"xy\"; return rest(find(a, 'z')) + rest(find(a, 'y')); }";
        var program = CProgram.Accepted(text);
        Assert.That(CProgram.Analyze(program, "main").Verdict, Proved.Terminates);
        Assert.That(CProgram.Run(program, "main"), Is.EqualTo(new Returned('y')));
    }
}
