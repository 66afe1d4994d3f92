using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// Arrays of pointers to string literals (<c>const char *words[] = {"ab", "cde"};</c>), the pointers read from them,
/// which name their object only when the program runs, and <c>main(int argc, char **argv)</c> without uses of argv
/// (its uses: <see cref="ArgumentVectorTests"/>).
/// </summary>
[TestFixture]
public sealed class PointerArrayTests
{
    private const string Count = """
        int count(void) {
          const char *words[3] = {"ab", "cde", "f"};
          int n = 0;
          for (int i = 0; i < 3; i++) { const char *w = words[i]; while (*w) { n++; w++; } }
          return n;
        }
        """;

    private static RunOutcome Replay(Core.Ir.ProgramIr program, string function, Verdict verdict)
    {
        Assert.That(verdict, Is.InstanceOf<No>());
        var witness = ((No)verdict).Witness;
        Assert.That(witness.Kind, Is.EqualTo(WitnessKind.UndefinedBehaviour));
        return Interpreter.Run(program, function, [.. witness.Inputs.Select(i => i.Value)], [.. witness.NondetValues], new InterpreterOptions()).Outcome;
    }

    [Test]
    public void EachPointerReadFromTheArrayWalksItsOwnLiteral()
    {
        Assert.That(CProgram.Run(CProgram.Accepted(Count), "count"), Is.EqualTo(new Returned(6)));
        const string text = """
            int f(int k) {
              const char *words[] = {"ab", "cde"};
              const char *w = words[k];
              int n = 0;
              while (*w) { n = n * 10 + (*w - 'a'); w++; }
              w = words[1 - k];
              return n * 1000 + w[1];
            }
            """;
        var program = CProgram.Accepted(text);
        Assert.That(CProgram.Run(program, "f", 0), Is.EqualTo(new Returned(1 * 1000 + 'd')));
        Assert.That(CProgram.Run(program, "f", 1), Is.EqualTo(new Returned(234 * 1000 + 'b')));
    }

    [Test]
    public void PointersToLocalArraysReadAndStoreTheArrayTheyPointTo()
    {
        const string text = """
            int f(int k) {
              char a[3] = "xy"; char b[2] = "z";
              char *rows[] = {a, b, "lit"};
              if (k < 0 || k > 1) return 0;
              char *w = rows[k];
              w[0] = 'q';
              w += 1;
              w = rows[2];
              return a[0] * 1000 + b[0] + w[2];
            }
            """;
        var program = CProgram.Accepted(text);
        Assert.That(CProgram.Run(program, "f", 0), Is.EqualTo(new Returned('q' * 1000 + 'z' + 't')));
        Assert.That(CProgram.Run(program, "f", 1), Is.EqualTo(new Returned('x' * 1000 + 'q' + 't')));
    }

    [Test]
    public void AReadPastTheEndOfTheShorterRowIsAnsweredWithAReplayedWitness()
    {
        const string text = """
            int f(void) {
              int a[3] = {1, 2, 3}; int b[2] = {4, 5};
              int *rows[] = {a, b};
              int s = 0;
              for (int i = 0; i < 2; i++) { int *r = rows[i]; s += r[2]; }
              return s;
            }
            """;
        var program = CProgram.Accepted(text);
        Assert.That(
            Replay(program, "f", CProgram.Analyze(program, "f").Verdict),
            Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo("out-of-bounds read of 'b[2]' (its length is 2)"));
    }

    [Test]
    public void ALoopOverTheStringsTerminatesWheneverNoUndefinedBehaviourOccurs()
    {
        // Ruling out the overflow of n needs a bound on the sum of the lengths, which the prover does not find (it
        // does not for one literal walked three times either); termination itself is proved.
        var result = CProgram.Analyze(CProgram.Accepted(Count), "count");
        Assert.That(result.Verdict, Is.Not.InstanceOf<No>());
        Assert.That(result.UndefinedBehaviour!.TerminatesWithoutUndefinedBehaviour, Proved.Terminates);
    }

    [Test]
    public void ALoopOverTheStringsThroughStrlenTerminates()
    {
        const string text = """
            unsigned long total(void) {
              const char *words[] = {"ab", "cde"};
              unsigned long t = 0;
              for (int i = 0; i < 2; i++) { const char *w = words[i]; t += strlen(w); }
              return t;
            }
            """;
        var program = CProgram.Accepted(text);
        Assert.That(CProgram.Run(program, "total"), Is.EqualTo(new Returned(5)));
        Assert.That(CProgram.Analyze(program, "total").Verdict, Proved.Terminates);
    }

    [Test]
    public void AWalkToTheTerminatorOfTheChosenLiteralTerminates()
    {
        const string text = """
            unsigned f(int k) {
              const char *words[] = {"ab", "cde"};
              if (k < 0 || k > 1) return 0;
              const char *w = words[k];
              unsigned n = 0;
              while (*w) { n++; w++; }
              return n;
            }
            """;
        Assert.That(CProgram.Analyze(CProgram.Accepted(text), "f").Verdict, Proved.Terminates);
    }

    [Test]
    public void AnUnsignedCountOfTheCharactersOfEveryStringTerminates()
    {
        const string text = """
            unsigned count(void) {
              const char *words[] = {"ab", "cde"};
              unsigned n = 0;
              for (int i = 0; i < 2; i++) { const char *w = words[i]; while (*w) { n++; w++; } }
              return n;
            }
            """;
        Assert.That(CProgram.Analyze(CProgram.Accepted(text), "count").Verdict, Proved.Terminates);
    }

    [TestCase(
        "int f(void) { const char *words[] = {\"ab\", \"cde\", \"f\"}; const char *w = words[2]; return w[2]; }",
        "out-of-bounds read of '*words[2][2]' (its length is 2)",
        TestName = "AReadPastTheEndOfAnElementsLiteral")]
    [TestCase(
        "int f(void) { const char *words[] = {\"ab\", \"cde\"}; const char *w = words[0]; int n = 0; while (w[n] != 'e') n++; return n; }",
        "out-of-bounds read of '*words[0][3]' (its length is 3)",
        TestName = "AScanForACharacterThatTheLiteralLacksRunsOffItsEnd")]
    [TestCase(
        "int f(void) { char *words[] = {\"ab\", \"cde\"}; char *w = words[0]; w = words[1]; w[0] = 'x'; return 0; }",
        "store into the string literal that '*words[1]' points to",
        TestName = "AStoreThroughAPointerToALiteral")]
    public void UndefinedBehaviourThroughAnElementIsAnsweredWithAReplayedWitness(string text, string what)
    {
        var program = CProgram.Accepted(text);
        Assert.That(
            Replay(program, "f", CProgram.Analyze(program, "f").Verdict),
            Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo(what));
    }

    [Test]
    public void AnIndexOutsideTheArrayOfPointersIsUndefined()
    {
        const string text = """
            int f(int k) {
              const char *words[] = {"ab", "cde"};
              if (k < 0 || k > 2) return 0;
              const char *w = words[k];
              return *w;
            }
            """;
        var program = CProgram.Accepted(text);
        var verdict = CProgram.Analyze(program, "f").Verdict;
        Assert.That(((No)verdict).Witness.Inputs.Single().Value, Is.EqualTo(new System.Numerics.BigInteger(2)));
        Assert.That(
            Replay(program, "f", verdict),
            Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo("out-of-bounds read of 'words[2]' (its length is 2)"));
    }

    [TestCase(
        "int f(void) { char *b = malloc(2); const char *words[] = {\"ab\", b}; return 0; }",
        "t.c:1:65: unsupported: array of pointers 'words' other than one initialized by a string literal or an array for each element")]
    [TestCase(
        "int f(void) { const char *words[3] = {\"ab\", \"c\"}; return 0; }",
        "t.c:1:33: unsupported: array of pointers 'words' other than one initialized by a string literal or an array for each element")]
    [TestCase(
        "int f(void) { int a[2]; int *rows[] = {a, 0}; return 0; }",
        "t.c:1:34: unsupported: array")]
    [TestCase(
        "int f(int i) { const char *words[] = {\"ab\", \"c\"}; return words[i][0]; }",
        "t.c:1:58: unsupported: an element of the array of pointers 'words' used other than as the initializer of a pointer or stored into one")]
    [TestCase(
        "int f(void) { const char *words[] = {\"ab\", \"c\"}; const char *w = words[0]; const char *q = words[1]; return w == q; }",
        "t.c:1:109: unsupported: comparison or subtraction of pointers into different arrays")]
    [TestCase(
        "int f(void) { const char *words[] = {\"ab\", \"c\"}; const char *w = words[0]; return *(w = words[1]); }",
        "t.c:1:83: unsupported: a store into pointer 'w' inside a larger expression (only 'p = a[i];' as a statement)")]
    [TestCase(
        "int f(void) { const char *words[] = {\"ab\", \"c\"}; const char *w = words[0]; char x[2]; w = x; return 0; }",
        "t.c:1:87: unsupported: pointer 'w' given another value than an element of the array of pointers it was read from")]
    [TestCase(
        "int f(int i) { const char *words[] = {\"ab\", \"c\"}; const char *w = words[i++]; return *w; }",
        "t.c:1:67: unsupported: an index with side effects into an array of pointers")]
    [TestCase(
        "int f(void) { const char *words[] = {\"ab\"}; const char *w = words[0]; w = 0; return 0; }",
        "t.c:1:57: unsupported: pointer 'w', read from the array of pointers 'words', whose address is taken or that may be null")]
    public void OtherUsesAreRefused(string text, string refusal) => Assert.That(CProgram.Refusal(text), Is.EqualTo(refusal));

    [Test]
    public void MainWithoutUsesOfArgvHasArgcAsItsOnlyInputNeverNegative()
    {
        var program = CProgram.Accepted("int main(int argc, char **argv) { if (argc < 0) { while (1) { } } return 0; }");
        Assert.That(program.Find("main")!.Parameters.Select(p => p.Name), Is.EqualTo((string[])["argc"]));
        Assert.That(CProgram.Analyze(program, "main").Verdict, Proved.Terminates);
        Assert.That(CFrontend.Parse("int main(int argc, char *argv[]) { return argc; }", "t.c", usePreprocessor: false).RefusedFunctions, Is.Empty);
    }

    [Test]
    public void MainWithNoArgumentsAtAllDividesByZero()
    {
        var program = CProgram.Accepted("int main(int argc, char **argv) { return 10 / argc; }");
        var verdict = CProgram.Analyze(program, "main").Verdict;
        Assert.That(((No)verdict).Witness.Inputs.Single(), Is.EqualTo(new InputValue("argc", 0)));
        Assert.That(Replay(program, "main", verdict), Is.TypeOf<UndefinedBehaviour>());
    }
}
