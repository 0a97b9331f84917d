namespace Polca.Actors;

/// <summary>A service that lives once per actor system (persistence, cluster, ...).</summary>
public interface IExtension;
