using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Core.Smt;

namespace Terminator.Tests.Api;

/// <summary>The library's entry point, <see cref="Termination"/>, as a consumer calls it.</summary>
[TestFixture]
public sealed class TerminationTests
{
    /// <summary>The essay's first pair: g subtracts a positive y and so terminates; g2 drops the guard and loops from y = 0.</summary>
    private const string EssayG = """
        int g(int x, int y) {
          if (y > 0) {
            while (x > y) {
              x = x - y;
            }
          }
          return x;
        }

        int g2(int x, int y) {
          while (x > y) {
            x = x - y;
          }
          return x;
        }
        """;

    private const string EssayGPython = """
        def g(x, y):
            if y > 0:
                while x > y:
                    x = x - y
            return x
        """;

    private static readonly string[] GAndG2 = ["g: Yes", "g2: No"];
    private static readonly string[] GAlone = ["g: Yes"];
    private static readonly string[] G2Alone = ["g2: No"];
    private static readonly string[] GFileAnswers = ["g: Yes", "g2: No", "k: No"];

    private static string GFile => Path.Combine(RepoPaths.Examples, "g.c");

    private static string[] Verdicts(ProgramResult result) => result.Functions.Select(f => $"{f.Name}: {f.Verdict.Name}").ToArray();

    [Test]
    public void AnalyzeTextAnswersTheEssaysG()
    {
        var result = Termination.Analyze(EssayG, SourceLanguage.C);

        Assert.That(Verdicts(result), Is.EqualTo(GAndG2));
        Assert.That(result.File, Is.EqualTo("<source>.c"));
        Assert.That(result.Functions[0].Location.File, Is.EqualTo("<source>.c"));
        Assert.That(result.Functions[1].Location.Line, Is.EqualTo(10));
        Assert.That(((No)result.Functions[1].Verdict).Witness.Kind, Is.EqualTo(WitnessKind.Nontermination));
    }

    [Test]
    public void AnalyzeTextReadsPython()
    {
        var result = Termination.Analyze(EssayGPython, SourceLanguage.Python);

        Assert.That(Verdicts(result), Is.EqualTo(GAlone));
        Assert.That(result.File, Is.EqualTo("<source>.py"));
        Assert.That(result.Semantics, Is.EqualTo(IntegerSemantics.Math));
    }

    [Test]
    public void OptionsSelectTheFunction()
    {
        var result = Termination.Analyze(EssayG, SourceLanguage.C, new AnalysisOptions { Function = "g2" });

        Assert.That(Verdicts(result), Is.EqualTo(G2Alone));
    }

    [Test]
    public void AnalyzeFileTakesTheLanguageFromTheExtension()
    {
        var result = Termination.AnalyzeFile(GFile);

        Assert.That(result.File, Is.EqualTo(GFile));
        Assert.That(result.Language, Is.EqualTo(SourceLanguage.C));
        Assert.That(Verdicts(result), Is.EqualTo(GFileAnswers));
    }

    [Test]
    public async Task AnalyzeAsyncGivesTheSameAnswers()
    {
        var result = await Termination.AnalyzeAsync(EssayG, SourceLanguage.C);

        Assert.That(Verdicts(result), Is.EqualTo(GAndG2));
    }

    [Test]
    public async Task AnalyzeFileAsyncGivesTheSameAnswers()
    {
        var result = await Termination.AnalyzeFileAsync(Path.Combine(RepoPaths.Examples, "g.py"));

        Assert.That(result.Language, Is.EqualTo(SourceLanguage.Python));
        Assert.That(Verdicts(result), Is.EqualTo(GAndG2));
    }

    [Test]
    public void PreCancelledTokenThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var token = cancellation.Token;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => Termination.Analyze(EssayG, SourceLanguage.C, null, token), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(() => Termination.AnalyzeFile(GFile, null, token), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(async () => await Termination.AnalyzeAsync(EssayG, SourceLanguage.C, null, token), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(async () => await Termination.AnalyzeFileAsync(GFile, null, token), Throws.InstanceOf<OperationCanceledException>());
        }
    }

    [Test]
    public void CancellingARunningAnalysisStopsIt()
    {
        // Forty functions whose No each needs a deep search take seconds together, on any machine, and run here without
        // a time budget: only the token can end the analysis early.
        var wrap = string.Concat(Enumerable.Range(0, 40).Select(i => $"void down{i}(unsigned int x) {{ if (x > 0) while (x != 0) x = x - 2; }}\n"));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var options = new AnalysisOptions { Timeout = TimeSpan.Zero };

        ProgramResult? finished = null;
        Assert.That(async () => finished = await Termination.AnalyzeAsync(wrap, SourceLanguage.C, options, cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>(),
            () => $"the analysis ended with {string.Join(", ", finished?.Functions.Select(f => f.Verdict) ?? [])}");
    }

    [Test]
    public void SyntaxErrorIsASourceExceptionAtFileLineColumn()
    {
        var error = Assert.Throws<SourceException>(() => Termination.Analyze("int f(int x) {\n  return x +;\n}\n", SourceLanguage.C));

        Assert.That(error!.Message, Does.Match(@"^<source>\.c:2:\d+: \S"));
        Assert.That(error.Span.Line, Is.EqualTo(2));
    }

    [Test]
    public void UnsupportedConstructIsASourceExceptionAtFileLineColumn()
    {
        var error = Assert.ThrowsAsync<SourceException>(() => Termination.AnalyzeAsync("def f(x):\n    return x / 2\n", SourceLanguage.Python));

        Assert.That(error!.Message, Does.Match(@"^<source>\.py:2:\d+: unsupported: "));
    }

    [Test]
    public void MissingFileIsASourceExceptionAtLine1Column1()
    {
        var path = Path.Combine(Path.GetTempPath(), $"terminator-missing-{Guid.NewGuid():N}.c");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => Termination.AnalyzeFile(path), Throws.TypeOf<SourceException>().With.Message.EqualTo($"{path}:1:1: file not found"));
            Assert.That(async () => await Termination.AnalyzeFileAsync(path),
                Throws.TypeOf<SourceException>().With.Message.EqualTo($"{path}:1:1: file not found"));
        }
    }

    [Test]
    public void UnknownExtensionAndUnknownFunctionAreSourceExceptions()
    {
        var text = Path.Combine(Path.GetTempPath(), $"terminator-{Guid.NewGuid():N}.txt");
        File.WriteAllText(text, "int f(void) { return 0; }\n");
        try
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(() => Termination.AnalyzeFile(text), Throws.TypeOf<SourceException>().With.Message.StartsWith($"{text}:1:1: unsupported file type"));
                Assert.That(() => Termination.Analyze(EssayG, SourceLanguage.C, new AnalysisOptions { Function = "nope" }),
                    Throws.TypeOf<SourceException>().With.Message.EqualTo("<source>.c:1:1: unknown function 'nope'"));
            }
        }
        finally
        {
            File.Delete(text);
        }
    }

    [Test]
    public void WrongArgumentsFailTheCallItself()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => Termination.Analyze(null!, SourceLanguage.C), Throws.ArgumentNullException);
            Assert.That(() => Termination.AnalyzeFile(null!), Throws.ArgumentNullException);
            Assert.That(() => Termination.AnalyzeAsync(null!, SourceLanguage.C), Throws.ArgumentNullException);
            Assert.That(() => Termination.AnalyzeFileAsync(null!), Throws.ArgumentNullException);
            Assert.That(() => Termination.AnalyzeAsync(EssayG, (SourceLanguage)7), Throws.TypeOf<ArgumentOutOfRangeException>());
        }
    }

    [Test]
    public void SolverUnavailableMessageSaysWhatToInstall()
    {
        var message = Z3Loader.UnavailableMessage(oldLibz3: false, ["libz3.so.4: cannot open shared object file"]);

        Assert.That(message, Does.StartWith("The Z3 SMT solver could not be loaded. Install it with: apt-get install libz3-4 "));
        Assert.That(message, Does.EndWith("libz3.so.4: cannot open shared object file"));
        Assert.That(new SolverUnavailableException(message).Message, Is.EqualTo(message));
    }
}
