using Polca.Datacenter.Hardware;

namespace Polca.Datacenter.Workloads.Engine;

/// <summary>What an inference engine reports to its server as it advances.</summary>
public interface IEngineListener
{
    /// <summary>The request's first token came out of its prefill at <paramref name="atTicks"/>.</summary>
    void OnFirstToken(EngineRequest request, long atTicks);

    /// <summary>The request generated its last token at <paramref name="atTicks"/>.</summary>
    void OnCompleted(EngineRequest request, long atTicks);

    /// <summary>The engine changed phase or clock at <paramref name="atTicks"/> (power changes with it).</summary>
    void OnPhaseChanged(GpuPhase phase, double clockMhz, long atTicks);
}
