using System.Globalization;
using Terminator.Differential;
using Terminator.Differential.Oracle;

// dotnet run -c Release --project Terminator.Differential -- --cases N --seed S [--first K] [--jobs J] [--keep DIR]
//   [--timeout SECONDS] [--inputs N] [--progress]
// Exit code: 0 no discrepancy, 1 discrepancies, 2 bad arguments or no C compiler.
const string Usage = """
    usage: Terminator.Differential [--cases N] [--seed S] [--first K] [--jobs J] [--keep DIR] [--timeout SECONDS]
                                   [--inputs N] [--batch N] [--progress]
      --cases N        programs to generate and check (default 300)
      --seed S         the run's seed (default 1)
      --first K        the number of the first case (default 0); --seed S --first K --cases 1 reproduces case K
      --jobs J         cases analyzed at the same time (default: the number of cores)
      --keep DIR       keep the generated programs, the batches' C files and executables in DIR
      --timeout SECONDS  the analyzer's budget per function (default 2)
      --inputs N       inputs that attack each Yes (default 50)
      --batch N        cases compiled together (default 50)
      --progress       print a line per case as it is checked
    """;

var options = new DifferentialOptions();
var progress = false;
try
{
    for (var i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
        int Count() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture);
        options = args[i] switch
        {
            "--cases" => options with { Cases = Count() },
            "--seed" => options with { Seed = Count() },
            "--first" => options with { First = Count() },
            "--jobs" => options with { Jobs = Count() },
            "--batch" => options with { BatchSize = Count() },
            "--inputs" => options with { InputsPerYes = Count() },
            "--keep" => options with { KeepDirectory = Path.GetFullPath(Value()) },
            "--timeout" => options with { AnalysisTimeout = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
            "--progress" => options,
            "--help" or "-h" => throw new OperationCanceledException(),
            _ => throw new FormatException($"unknown option {args[i]}"),
        };
        progress |= args[i] == "--progress";
    }

    if (options.Cases < 1 || options.First < 0 || options.Jobs < 1 || options.BatchSize < 1 || options.InputsPerYes < 1)
        throw new FormatException("--cases, --jobs, --batch and --inputs must be positive, --first not negative");
}
catch (OperationCanceledException)
{
    Console.WriteLine(Usage);
    return 0;
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

if (CCompiler.Find() is not { } compiler)
{
    Console.Error.WriteLine("no C compiler: install clang (apt-get install clang) or gcc");
    return 2;
}

var harness = new DifferentialHarness(options, compiler, DifferentialHarness.Terminator(options));
HarnessSummary summary;
try
{
    summary = harness.Run(progress ? report => Console.Error.WriteLine(SummaryWriter.Progress(report)) : null);
}
catch (AggregateException e) when (e.InnerException is InvalidOperationException failure)
{
    // The compiler refused a batch: a defect of the generator or the driver, not an answer to compare.
    Console.Error.WriteLine(failure.Message);
    return 2;
}

SummaryWriter.Write(summary, options, Console.Out);
return summary.Discrepancies.Count == 0 ? 0 : 1;
