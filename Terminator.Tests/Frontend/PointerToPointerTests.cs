using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// <c>&amp;p</c> of a pointer variable into an array, passed to a parameter <c>T **pp</c> or held by a local
/// <c>T **pp = &amp;p;</c>: p's offset lives in an object of one element, which <c>*pp</c> reads and stores, and p keeps
/// the array it points into.
/// </summary>
[TestFixture]
public sealed class PointerToPointerTests
{
    private const string SkipSpaces = "void skip_spaces(const char **s) { while (**s == ' ') (*s)++; }\n";

    private static RunOutcome Run(string text, string function = "main") => CProgram.Run(CProgram.Accepted(text), function);

    private static string RefusalOf(string text)
    {
        var program = CFrontend.Parse(text, "t.c", usePreprocessor: false);
        var refused = program.RefusedFunctions[0];
        return $"{refused.At}: {refused.Reason}";
    }

    [Test]
    public void APointerWhoseAddressIsTakenKeepsItsOffsetInAnObjectOfOneElement()
    {
        var program = CProgram.Accepted(SkipSpaces + "int main(void) { char buf[] = \"  x\"; const char *p = buf; skip_spaces(&p); return *p; }");
        Assert.That(
            IrText.Of(program.Find("main")!.Body),
            Does.Contain("(array z p 1u) (= p [0] 0) (call skip_spaces (ptr p 0) (ptr buf 0)) (return (buf [(p [0])]))"));
        Assert.That(CProgram.Run(program, "main"), Is.EqualTo(new Returned('x')));
    }

    [Test]
    public void TheCalleeMovesTheCallersPointer()
    {
        const string text = """
            void adv(char **pp, int k) { *pp = *pp + 1; *pp += k; *pp -= 1; (*pp)++; }
            int peek(char **pp) { return (*pp)[1] + **pp; }
            int walk(const char **s) { int n = 0; while (**s != 0) { n++; ++*s; } return n; }
            int pass(const char **s) { return walk(s); }
            int main(void) {
              char buf[] = "abcdefg"; char *p = buf; adv(&p, 2);
              const char *t = "hello"; int n = pass(&t);
              char w[4] = "ab"; char *q = w; char **qq = &q; (*qq)++; **qq = 'z';
              return (peek(&p) - 'd' - 'e') * 1000 + n * 100 + (*t == 0) * 10 + (w[1] == 'z') + (*qq == 0);
            }
            """;
        Assert.That(Run(text), Is.EqualTo(new Returned(511)));
    }

    [Test]
    public void APointerParameterWhoseAddressIsTakenIsCopiedIntoItsObject()
    {
        const string text = SkipSpaces + """
            int first(const char *s) { skip_spaces(&s); return *s; }
            int main(void) { char buf[] = " ab"; return first(buf); }
            """;
        Assert.That(Run(text), Is.EqualTo(new Returned('a')));
    }

    [Test]
    public void SkippingSpacesOfATerminatedBufferTerminates()
    {
        var program = CProgram.Accepted(SkipSpaces + "int main(void) { char buf[] = \"  x\"; const char *p = buf; skip_spaces(&p); return *p; }");
        Assert.That(CProgram.Analyze(program, "main").Verdict, Proved.Terminates);
    }

    [Test]
    public void SkippingSpacesOffTheEndOfABufferIsAnsweredWithAReplayedWitness()
    {
        var program = CProgram.Accepted(SkipSpaces + "int main(void) { char buf[3] = {' ', ' ', ' '}; const char *p = buf; skip_spaces(&p); return *p; }");
        var verdict = CProgram.Analyze(program, "main").Verdict;
        Assert.That(verdict, Is.InstanceOf<No>());
        var witness = ((No)verdict).Witness;
        Assert.That(witness.Kind, Is.EqualTo(WitnessKind.UndefinedBehaviour));
        var replay = Interpreter.Run(program, "main", [], [.. witness.NondetValues], new InterpreterOptions());
        Assert.That(replay.Outcome, Is.InstanceOf<UndefinedBehaviour>().With.Property(nameof(UndefinedBehaviour.What)).StartsWith("out-of-bounds read of"));
    }

    [Test]
    public void AWalkThatNeverMovesThroughThePointerRunsForever()
    {
        const string text = """
            void to_x(char **pp) { while (**pp != 'x') (*pp)++; }
            int main(void) { char a[4] = "abc"; a[1] = 'x'; char *p = a; while (1) { to_x(&p); } return 0; }
            """;
        var program = CProgram.Accepted(text);
        var verdict = CProgram.Analyze(program, "main").Verdict;
        Assert.That(verdict, Proved.DoesNotTerminate);
    }

    [TestCase(
        "void bad(char **pp, char *other) { *pp = other; }\nint main(void) { char a[3]; char b[3]; char *p = a; bad(&p, b); return 0; }",
        "t.c:1:42: unsupported: pointer '*pp' made to point into another array than the one it points into")]
    [TestCase(
        "void nul(char **pp) { *pp = 0; }\nint main(void) { char a[3]; char *p = a; nul(&p); return 0; }",
        "t.c:1:23: unsupported: null pointer stored into '*pp'")]
    [TestCase(
        "int main(void) { char a[3]; char *p = a; char **pp = &p; pp++; return 0; }",
        "t.c:1:49: unsupported: pointer to a pointer 'pp' assigned after its declaration")]
    [TestCase(
        "void f(char **pp) { pp++; }",
        "t.c:1:15: unsupported: pointer-to-pointer parameter 'pp' assigned")]
    [TestCase(
        "void *malloc(unsigned long n);\nvoid f(char **pp) { (*pp)++; }\nint main(void) { char *a = malloc(3); char *p = a; f(&p); return 0; }",
        "t.c:3:54: unsupported: address of pointer 'p', which points into an array from malloc")]
    [TestCase(
        "void f(char **pp) { (*pp)++; }\nint main(void) { char a[2]; char *p = 0; if (a[0]) p = a; f(&p); return 0; }",
        "t.c:2:61: unsupported: address of pointer 'p', which is declared without a pointer into an array")]
    [TestCase(
        "int main(void) { char a[2] = \"a\"; char *p = a; char *q = &p; return 0; }",
        "t.c:1:58: unsupported: address of pointer 'p' other than as the argument for a 'T **' parameter or the initializer of a local 'T **'")]
    [TestCase(
        "int f(char **pp) { return pp == 0; }",
        "t.c:1:27: unsupported: pointer to a pointer 'pp' used other than as '*pp' or passed on")]
    [TestCase(
        "int f(char **pp) { return *pp; }",
        "t.c:1:27: unsupported: pointer '*pp' used as an integer")]
    [TestCase(
        "void f(int **pp) { (*pp)++; }\nint main(void) { char a[2]; char *p = a; f(&p); return 0; }",
        "t.c:2:44: unsupported: argument 1 of 'f' to 'int' given the address of 'p', a pointer to 'signed char'")]
    [TestCase(
        "void f(char **pp) { (*pp)++; }\nint main(void) { char a[2]; char *p = a; f(p); return 0; }",
        "t.c:2:44: unsupported: argument 1 of 'f' given something other than '&p' of a pointer variable p")]
    [TestCase(
        "int f(char **pp) { (*pp)++; return 1; }\nint main(void) { char a[3] = \"ab\"; char *p = a; return f(&p) + *p; }",
        "t.c:2:64: unsupported: an access to array elements next to the call of 'f', which may change them (C leaves their order open)")]
    public void OtherPointersToPointersAreRefused(string text, string expected)
    {
        Assert.That(RefusalOf(text), Is.EqualTo(expected));
    }
}
