namespace Polca.Actors;

/// <summary>Marks messages that do not reset an actor's receive timeout.</summary>
public interface INotInfluenceReceiveTimeout;
