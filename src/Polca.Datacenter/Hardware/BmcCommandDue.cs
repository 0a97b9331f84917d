namespace Polca.Datacenter.Hardware;

/// <summary>A server's timer: an out-of-band command (clock cap or brake) reaches its GPUs now.</summary>
internal sealed record BmcCommandDue(object Command);
