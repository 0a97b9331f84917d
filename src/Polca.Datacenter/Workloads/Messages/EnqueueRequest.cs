using Polca.Actors;

namespace Polca.Datacenter.Workloads;

/// <summary>A row's router hands a request to a server; <paramref name="Requester"/> hears its first token and fate.</summary>
public sealed record EnqueueRequest(SubmitRequest Request, IActorRef Requester);
