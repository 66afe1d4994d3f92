using System.Numerics;
using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// The argument vector of <c>main(int argc, char **argv)</c>: <c>argv[i]</c> points to the string of argument i (null
/// for i = argc), each string a distinct object of some length with a terminating 0, fixed for the whole run.
/// </summary>
[TestFixture]
public sealed class ArgumentVectorTests
{
    [TestCase("unsigned long n = 0; for (int i = 1; i < argc; i++) n += strlen(argv[i]); return n > 0;")]
    [TestCase("unsigned n = 0; for (int i = 1; i < argc; i++) { const char *s = argv[i]; while (*s) { s++; n++; } } return n > 0;")]
    [TestCase("unsigned n = 0; for (int i = 1; i < argc; i++) { char *s = argv[i]; while (*s++) n++; } return n > 0;")]
    [TestCase("if (argc > 1 && argv[1][0] == '-') return 1; return argc > 1 && strcmp(argv[1], \"-v\") == 0;")]
    [TestCase("unsigned long k = 0; if (argc > 2) { const char *s = argv[2]; while (s[k] != 0) k++; } return k > 0;")]
    [TestCase("return argv[argc] == 0;")]
    [TestCase("unsigned n = 0; if (argc == 0) return 0; for (char **p = argv + 1; *p; p++) { const char *s = *p; while (*s) { s++; n++; } } return n > 0;")]
    [TestCase("unsigned n = 0; char **p = argv; while (*p) { if ((*p)[0] == '-') n++; p++; } return n > 0;")]
    [TestCase("if (argc < 2) return 0; const char *s = argv[1]; if (s) return s[0] == '-'; return 0;")]
    public void WalksOfTheArgumentStringsTerminateWithoutUndefinedBehaviour(string body)
    {
        var program = CProgram.Accepted($"int main(int argc, char **argv) {{ {body} }}");
        Assert.That(CProgram.Analyze(program, "main").Verdict, Proved.Terminates);
    }

    [Test]
    public void ReadingArgvPastItsNullPointerIsAnsweredWithAReplayedWitness()
    {
        var (witness, replayed) = CProgram.ReplayedNo("int main(int argc, char **argv) {\n  if (argc == 1) return argv[2][0];\n  return 0;\n}", "main");
        Assert.That(witness.Inputs.Single(), Is.EqualTo(new InputValue("argc", 1)));
        Assert.That(replayed.What, Does.StartWith("out-of-bounds read of 'argv[2]'"));
    }

    [Test]
    public void AWalkPastTheEndOfAnArgumentStringNamesItsLengthInTheWitness()
    {
        const string text = "int main(int argc, char **argv) {\n  if (argc < 2) return 0;\n  const char *s = argv[1];\n  int k = 0;\n  while (s[k] != 'x') k++;\n  return k;\n}";
        var (witness, replayed) = CProgram.ReplayedNo(text, "main");
        Assert.That(replayed.What, Does.StartWith("out-of-bounds read of 'argv[1]"));
        Assert.That(witness.NondetOrigins.Select(o => o.Source), Has.Some.StartsWith("the length of argv[1]"));
    }

    [Test]
    public void EveryReadOfOneArgumentReachesTheSameString()
    {
        // argv[1] is read twice: its length is drawn once (3: two characters and the terminator), and so are its characters.
        const string text = "int main(int argc, char **argv) {\n  if (argc < 2) return 0;\n  char *s = argv[1];\n  s[0] = 'a';\n  const char *t = argv[1];\n  return t[0] * 1000 + t[1] * 10 + t[2];\n}";
        var program = CProgram.Accepted(text);
        var run = Interpreter.Run(program, "main", [new BigInteger(2)], [3, 7], new InterpreterOptions());
        Assert.That(run.Outcome, Is.EqualTo(new Returned('a' * 1000 + 7 * 10)));
        Assert.That(run.NondetOrigins.Select(o => o.Source), Is.EqualTo((string[])["the length of argv[1] with its terminating 0", "argv[1][1]"]));
    }

    [Test]
    public void AStoreIntoAnArgumentStringIsNotLostByALaterRead()
    {
        // The store overwrites the terminator of argv[1]; the walk of a new read of argv[1] then runs off its end.
        const string text = "int main(int argc, char **argv) {\n  if (argc != 2) return 0;\n  char *s = argv[1];\n  int n = 0;\n  while (s[n] != 0) n++;\n  s[n] = 'x';\n  const char *t = argv[1];\n  int k = 0;\n  while (t[k] != 0) k++;\n  return k;\n}";
        var (_, replayed) = CProgram.ReplayedNo(text, "main");
        Assert.That(replayed.What, Does.StartWith("out-of-bounds read of 'argv[1]"));
    }

    [Test]
    public void ANullArgumentPassedToAFunctionOfTheProgramIsDereferencedThere()
    {
        // argv[argc] is the null pointer, which f dereferences.
        var (_, replayed) = CProgram.ReplayedNo("int f(const char *s) { return s[0]; }\nint main(int argc, char **argv) { return f(argv[argc]); }", "main");
        Assert.That(replayed.What, Does.StartWith("null pointer dereferenced"));
    }

    [Test]
    public void ANullArgumentThatAFunctionOfTheProgramOnlyComparesIsDefined()
    {
        var program = CProgram.Accepted("int f(const char *s) { return s == 0; }\nint main(int argc, char **argv) { return f(argv[argc]); }");
        Assert.That(CProgram.Analyze(program, "main").Verdict, Proved.Terminates);
        var run = Interpreter.Run(program, "main", [BigInteger.One], [], new InterpreterOptions());
        Assert.That(run.Outcome, Is.EqualTo(new Returned(1)));
    }

    [Test]
    public void ARunThatPassesANullPointerToAFunctionOfTheProgramGoesOnAfterTheCall()
    {
        // The call returns and the loop runs forever.
        var program = CProgram.Accepted("int f(const char *s) { return 0; }\nint main(int argc, char **argv) {\n  f(argv[argc]);\n  while (1) { }\n  return 0;\n}");
        var result = CProgram.Analyze(program, "main");
        Assert.That(result.Verdict, Is.InstanceOf<No>());
        Assert.That(result.UndefinedBehaviour!.TerminatesWithoutUndefinedBehaviour, Is.InstanceOf<No>());
    }

    [Test]
    public void AnArgumentStringPassedToAFunctionOfTheProgramBelowArgc()
    {
        var program = CProgram.Accepted("int f(const char *s) { return s[0]; }\nint main(int argc, char **argv) {\n  int n = 0;\n  for (int i = 1; i < argc; i++) n += f(argv[i]) == '-';\n  return n;\n}");
        Assert.That(CProgram.Analyze(program, "main").Verdict, Proved.Terminates);
    }

    [Test]
    public void ANullArgumentPassedToALibraryFunctionIsUndefined()
    {
        var (witness, replayed) = CProgram.ReplayedNo("int main(int argc, char **argv) { if (argc == 1) return strlen(argv[1]) > 0; return 0; }", "main");
        Assert.That(witness.Inputs.Single(), Is.EqualTo(new InputValue("argc", 1)));
        Assert.That(replayed.What, Does.StartWith("null pointer"));
    }

    [TestCase("for (char **p = argv; *p; p += 2) n++;")]
    [TestCase("for (char **p = argv + 1; *p; p++) n++;")]
    public void APointerIntoArgvThatSkipsItsNullPointerReadsPastIt(string loop)
    {
        // argv + 1 skips the null pointer when argc is 0, and a step of 2 skips it when argc is odd.
        var (_, replayed) = CProgram.ReplayedNo($"int main(int argc, char **argv) {{\n  int n = 0;\n  {loop}\n  return n;\n}}", "main");
        Assert.That(replayed.What, Does.StartWith("out-of-bounds read of 'argv[").Or.StartWith("pointer out of the bounds of 'argv'"));
    }

    [Test]
    public void AtoiReadsTheDecimalNumberOfAnArgumentAndOverflowsOnlyWhenItDoesNotFit()
    {
        var program = CProgram.Accepted("int main(int argc, char **argv) { if (argc < 2) return 0; return atoi(argv[1]); }");
        Run(" -123", -123);
        Run("+42x", 42);
        Run("-2147483648", int.MinValue);
        Assert.That(Outcome("2147483648"), Is.TypeOf<UndefinedBehaviour>());

        void Run(string argument, int expected) => Assert.That(Outcome(argument), Is.EqualTo(new Returned(expected)));

        // The witness of argv[1]: its length with the terminator, then its characters as atoi first reads them (in order).
        RunOutcome Outcome(string argument) =>
            Interpreter.Run(program, "main", [new BigInteger(2)], [argument.Length + 1, .. argument.Select(c => (BigInteger)c)], new InterpreterOptions()).Outcome;
    }

    [TestCase(
        "int main(int argc, char **argv) {\n  argv[1] = 0;\n  return 0;\n}",
        "t.c:2:3: unsupported: 'argv' (the argument vector of main used other than as 'argv[i]' (read as a pointer to the string of argument i))")]
    [TestCase(
        "int main(int argc, char **argv) {\n  return argv == 0;\n}",
        "t.c:2:10: unsupported: 'argv' (the argument vector of main used other than as 'argv[i]' (read as a pointer to the string of argument i))")]
    [TestCase(
        "int main(int argc, char **argv) {\n  argc--;\n  return argv[0][0];\n}",
        "t.c:3:10: unsupported: 'argv' (the argument vector of a main that assigns 'argc' (argv is bounded by argc as the program started))")]
    [TestCase(
        "int main(int argc, char **argv) {\n  const char *t;\n  t = argv[1];\n  return 0;\n}",
        "t.c:3:7: unsupported: a pointer into an argument string stored into 't', declared without a value (only a pointer declared from it may point into it)")]
    [TestCase(
        "int main(int argc, char **argv) {\n  char **p = argv;\n  char **q = p;\n  return 0;\n}",
        "t.c:3:14: unsupported: 'p' (a pointer into the argument vector of main used other than as '*p', 'p[k]', 'p++', '++p', 'p--', '--p', 'p += k', 'p -= k' or 'p = argv + k')")]
    public void OtherUsesOfArgvAreRefused(string text, string refusal) => Assert.That(CProgram.Refusal(text), Is.EqualTo(refusal));
}
