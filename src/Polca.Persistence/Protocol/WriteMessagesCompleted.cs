namespace Polca.Persistence;

/// <summary>
/// The journal's one reply to a <see cref="WriteMessages"/> request: <paramref name="Failure"/> when the whole batch
/// failed (nothing written), otherwise per atomic write of the request null (durable) or the exception that rejected it
/// (<paramref name="Rejections"/> is null when every write is durable).
/// </summary>
public sealed record WriteMessagesCompleted(WriteMessages Request, IReadOnlyList<Exception?>? Rejections, Exception? Failure);
