using Polca.Actors.Dispatch;

namespace Polca.Actors;

/// <summary>What the runtime needs of a reference beyond telling it messages.</summary>
internal interface IInternalActorRef : IActorRef
{
    /// <summary>The parent, used by supervision.</summary>
    IInternalActorRef Parent { get; }

    /// <summary>True when the actor is known to be gone.</summary>
    bool IsTerminated { get; }

    /// <summary>Delivers a system message (watch, failure, stop, ...) ahead of user messages.</summary>
    void SendSystemMessage(SystemMessage message);

    /// <summary>Looks up a descendant by names; null when there is none.</summary>
    IInternalActorRef? GetChild(IReadOnlyList<string> names, int start);
}
