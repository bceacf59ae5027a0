using System.Threading.Channels;
using Hyperfleet.Contracts.Events;

namespace Hyperfleet.Server.Events;

/// <summary>
/// Fans committed changes out to every live subscriber (the SSE endpoint, the UI). A slow subscriber
/// loses its oldest items rather than slowing the writers; the database history is the durable record.
/// </summary>
public sealed class ChangeFeed
{
    private readonly Lock gate = new();
    private readonly List<Channel<ChangeNotification>> subscribers = [];

    public void Publish(ChangeNotification notification)
    {
        lock (gate)
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Writer.TryWrite(notification);
            }
        }
    }

    /// <summary>
    /// Registers a subscriber now, so nothing committed after this call is missed, even before the caller
    /// starts reading. Dispose it to unsubscribe.
    /// </summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<ChangeNotification>(
            new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (gate)
        {
            subscribers.Add(channel);
        }
        return new Subscription(this, channel);
    }

    private void Remove(Channel<ChangeNotification> channel)
    {
        lock (gate)
        {
            subscribers.Remove(channel);
        }
    }

    /// <summary>One live subscriber.</summary>
    public sealed class Subscription(ChangeFeed feed, Channel<ChangeNotification> channel) : IDisposable
    {
        public IAsyncEnumerable<ChangeNotification> ReadAllAsync(CancellationToken cancellationToken) =>
            channel.Reader.ReadAllAsync(cancellationToken);

        public void Dispose() => feed.Remove(channel);
    }
}
