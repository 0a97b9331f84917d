namespace Polca.Datacenter.Power;

/// <summary>A facility power event on the datacenter's own timers: feed lost or back, ride-through over, generators on.</summary>
internal sealed record UpsEvent(string Kind, int Fault);
