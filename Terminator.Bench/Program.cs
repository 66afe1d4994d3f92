using BenchmarkDotNet.Running;
using Terminator.Bench;

// BenchmarkSwitcher so that arguments pick benchmarks: `--filter *Collatz*`, `--list flat`.
BenchmarkSwitcher.FromAssembly(typeof(ExampleBenchmarks).Assembly).Run(args);
