using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Coffer.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
