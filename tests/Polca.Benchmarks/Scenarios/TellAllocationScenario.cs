using Polca.Actors;

namespace Polca.Benchmarks;

/// <summary>Bytes allocated by the sending thread per Tell of a reused message to an actor that keeps up.</summary>
internal static class TellAllocationScenario
{
    private static readonly object Message = new();

    private sealed class Sink : ActorBase
    {
        public long Count;

        protected override bool Receive(object message)
        {
            Count++;
            return true;
        }
    }

    public static async Task Run(string[] args)
    {
        const int batches = 10_000;
        const int perBatch = 32;
        using var system = ActorSystem.Create("alloc");
        Sink? sink = null;
        var actor = system.ActorOf(Props.Create(() => sink = new Sink()));
        while (Volatile.Read(ref sink) is null) await Task.Yield();
        long sent = 0;
        void Batch()
        {
            for (var i = 0; i < perBatch; i++) actor.Tell(Message, ActorRefs.NoSender);
            sent += perBatch;
            while (Volatile.Read(ref sink!.Count) < sent) Thread.SpinWait(20);
        }
        for (var i = 0; i < 1000; i++) Batch();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < batches; i++) Batch();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Result.Print("tell-alloc", ("tells", batches * perBatch), ("bytes_per_tell", allocated / (double)(batches * perBatch)));
    }
}
