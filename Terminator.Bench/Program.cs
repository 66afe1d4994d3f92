using BenchmarkDotNet.Running;
using Terminator.Bench;

// BenchmarkSwitcher so that arguments pick suites and jobs: `--filter '*Terminating*'`, `--list flat`, `--job short`.
BenchmarkSwitcher.FromAssembly(typeof(ExampleSuite).Assembly).Run(args);
