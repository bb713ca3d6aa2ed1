using System.Diagnostics;
using Nianbao.Fuzz;
using SharpFuzz;

// nianbao-fuzz READER              run under afl++ (fuzz/run.sh starts it so)
// nianbao-fuzz READER --replay F…  read files (or folders of files) once each, printing outcome and time
if (args.Length == 0 || !FuzzTargets.All.ContainsKey(args[0]))
{
    Console.Error.WriteLine($"usage: Nianbao.Fuzz READER [--replay FILE|DIR…]; READER is one of {string.Join(", ", FuzzTargets.All.Keys)}");
    return 2;
}
var target = args[0];
if (args.Length > 1 && args[1] == "--replay")
{
    // Instrumented assemblies write coverage to SharpFuzz's map, which only afl++ sets up: give them one.
    unsafe { SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16); }
    var failed = 0;
    foreach (var path in args.Skip(2).SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p).Order(StringComparer.Ordinal).ToArray() : new[] { p }))
    {
        var clock = Stopwatch.StartNew();
        try
        {
            FuzzTargets.Run(target, File.ReadAllBytes(path));
            Console.WriteLine($"ok    {clock.ElapsedMilliseconds,6} ms  {path}");
        }
        catch (Exception ex)
        {
            failed++;
            Console.WriteLine($"CRASH {clock.ElapsedMilliseconds,6} ms  {path}: {ex.GetType().Name}: {ex.Message}");
        }
    }
    return failed == 0 ? 0 : 1;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    FuzzTargets.Run(target, buffer.ToArray());
});
return 0;
