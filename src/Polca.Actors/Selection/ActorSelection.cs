using System.Text.RegularExpressions;

namespace Polca.Actors;

/// <summary>
/// Actors selected by a path from an anchor: names, ".." for the parent, and '*' / '?' wildcards. A message told to the selection
/// travels down the tree and reaches every actor that matches when it arrives.
/// </summary>
public sealed class ActorSelection : ICanTell
{
    private readonly IActorRef _anchor;
    private readonly string[] _elements;

    internal ActorSelection(IActorRef anchor, IEnumerable<string> elements)
    {
        _anchor = anchor;
        _elements = elements.Where(e => e.Length > 0).ToArray();
    }

    /// <summary>Where the path starts.</summary>
    public IActorRef Anchor => _anchor;

    /// <summary>The path from the anchor, e.g. <c>row-A/*</c>.</summary>
    public string PathString => "/" + string.Join('/', _elements);

    /// <inheritdoc />
    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_elements.Length == 0) _anchor.Tell(message, sender);
        else _anchor.Tell(new ActorSelectionMessage(message, _elements, 0), sender);
    }

    /// <summary>Resolves to the one actor at the path (by Identify); fails with <see cref="ActorNotFoundException"/> when there is none or none answers within <paramref name="timeout"/> (as Akka.NET does).</summary>
    public Task<IActorRef> ResolveOne(TimeSpan timeout)
    {
        ActorSystemImpl system;
        try
        {
            system = ResolveSystem();
        }
        catch (Exception e)
        {
            return Task.FromException<IActorRef>(e);
        }
        // Mapped where the reply arrives, not in a continuation, so that virtual time sees the outcome at once.
        return Futures.AskInternal(system, this, new Identify(null), timeout, CancellationToken.None, reply =>
            reply.IsCompletedSuccessfully && reply.Result is ActorIdentity { Subject: { } subject }
                ? subject
                : throw new ActorNotFoundException($"No actor at {_anchor.Path}{PathString}", reply.Exception?.InnerException));
    }

    private ActorSystemImpl ResolveSystem() => _anchor switch
    {
        LocalActorRef local => local.Cell.SystemImpl,
        DeadLetterActorRef or EmptyLocalActorRef or RootParentRef => throw new ActorNotFoundException($"No actor at {_anchor.Path}{PathString}"),
        _ => throw new NotSupportedException($"Cannot resolve a selection anchored at {_anchor}"),
    };

    /// <summary>Delivers a selection message arriving at <paramref name="cell"/>: to the cell itself when the path ends there, else down to the matching children.</summary>
    internal static void Deliver(ActorSelectionMessage selection, ActorCell cell)
    {
        var sender = cell.Sender;
        if (selection.Index >= selection.Elements.Count)
        {
            cell.SelfRef.Tell(selection.Message, sender);
            return;
        }
        var element = selection.Elements[selection.Index];
        var next = selection with { Index = selection.Index + 1 };
        var isLast = next.Index >= selection.Elements.Count;
        if (element == "..")
        {
            Forward(cell.ParentRef, next, isLast, sender);
            return;
        }
        if (element.Contains('*') || element.Contains('?'))
        {
            var pattern = new Regex("^" + Regex.Escape(element).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.CultureInvariant);
            foreach (var child in cell.ChildrenSnapshot())
                if (pattern.IsMatch(child.Path.Name)) Forward(child, next, isLast, sender);
            return;
        }
        var target = cell.GetChildByName(element);
        if (target is not null) Forward(target, next, isLast, sender);
        else if (selection.Message is Identify identify) sender.Tell(new ActorIdentity(identify.MessageId, null), cell.Self);
        else cell.SystemImpl.DeadLetters.Tell(new Event.DeadLetter(selection.Message, sender, cell.Self), sender);
    }

    private static void Forward(IActorRef target, ActorSelectionMessage next, bool isLast, IActorRef sender)
    {
        if (isLast) target.Tell(next.Message, sender);
        else target.Tell(next, sender);
    }

    /// <inheritdoc />
    public override string ToString() => $"ActorSelection[{_anchor.Path}{PathString}]";
}
