using System.Diagnostics;
using Polca.Actors;

namespace Polca.Benchmarks;

/// <summary>One parent creates 100,000 and then 1,000,000 children in one message; rate until all have started, and retained bytes per idle actor.</summary>
internal static class CreateScenario
{
    private sealed class Child(StartCounter counter) : ActorBase
    {
        protected override void PreStart() => counter.Started();

        protected override bool Receive(object message) => false;
    }

    private sealed class StartCounter(long expected)
    {
        private long _started;
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Started()
        {
            if (Interlocked.Increment(ref _started) == expected) Done.TrySetResult();
        }
    }

    private sealed record CreateChildren(int Count, StartCounter Counter);

    private sealed class Parent : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is not CreateChildren create) return false;
            var props = Props.Create(() => new Child(create.Counter));
            for (var i = 0; i < create.Count; i++) Context.ActorOf(props);
            return true;
        }
    }

    public static async Task Run(string[] args)
    {
        var counts = args.Length > 0 ? args[0].Split(',').Select(int.Parse).ToArray() : [100_000, 1_000_000];
        foreach (var count in counts)
        {
            using var system = ActorSystem.Create("create");
            var parent = system.ActorOf(Props.Create(() => new Parent()), "parent");
            // Let the parent start before measuring.
            await parent.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10));
            var before = GC.GetTotalMemory(true);
            var counter = new StartCounter(count);
            var sw = Stopwatch.StartNew();
            parent.Tell(new CreateChildren(count, counter), ActorRefs.NoSender);
            await counter.Done.Task;
            sw.Stop();
            var after = GC.GetTotalMemory(true);
            GC.KeepAlive(parent);
            Result.Print("create", ("actors", count), ("seconds", sw.Elapsed.TotalSeconds),
                ("actors_per_s", count / sw.Elapsed.TotalSeconds), ("bytes_per_actor", (after - before) / (double)count));
        }
    }
}
