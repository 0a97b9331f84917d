using Polca.Benchmarks;

// Runs benchmark scenarios and prints one "RESULT <scenario> key=value ..." line per run.
var scenarios = new Dictionary<string, Func<string[], Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["pingpong"] = PingPongScenario.Run,
    ["fanin"] = FanInScenario.Run,
    ["create"] = CreateScenario.Run,
    ["timers"] = TimersScenario.Run,
    ["virtual-timers"] = VirtualTimersScenario.Run,
    ["tell-alloc"] = TellAllocationScenario.Run,
    ["journal-write"] = JournalWriteScenario.Run,
    ["journal-recovery"] = JournalRecoveryScenario.Run,
    ["scale-1k"] = EmulationScenario.RunScale1k,
    ["scale-100k"] = EmulationScenario.RunScale100k,
};

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/Polca.Benchmarks -- <scenario|all> [options]");
    Console.Error.WriteLine("scenarios: " + string.Join(", ", scenarios.Keys));
    return args.Length == 0 ? 2 : 0;
}

// "all" is the runtime and journal scenarios; the emulator's scale runs take minutes each and are run by name.
var selected = args[0].Equals("all", StringComparison.OrdinalIgnoreCase)
    ? scenarios.Keys.Where(k => !k.StartsWith("scale-", StringComparison.Ordinal)).ToArray()
    : [args[0]];
foreach (var name in selected)
{
    if (!scenarios.TryGetValue(name, out var run))
    {
        Console.Error.WriteLine($"unknown scenario '{name}'; known: {string.Join(", ", scenarios.Keys)}");
        return 2;
    }
    await run(args[1..]);
}
return 0;
