namespace Polca.Actors.Dispatch;

/// <summary>Create the actor instance and run PreStart.</summary>
internal sealed class Create : SystemMessage;
