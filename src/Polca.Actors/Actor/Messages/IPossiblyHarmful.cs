namespace Polca.Actors;

/// <summary>Marks messages that must not be sent across a trust boundary.</summary>
public interface IPossiblyHarmful;
