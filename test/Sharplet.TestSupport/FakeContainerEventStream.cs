using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Sharplet.Cri.V1;

namespace Sharplet.TestSupport;

// The fake runtime's CRI GetContainerEvents stream, driven by the test: each open is one connection that
// delivers what the test publishes until the test ends it (the runtime closed the stream), breaks it (the
// call failed) or the caller cancels. An open can be refused, as a runtime that is restarting refuses it.
internal sealed class FakeContainerEventStream
{
    private readonly Lock gate = new();
    private readonly Queue<Exception> refusals = new();
    private Channel<ContainerEventResponse>? current;
    private int opened;

    // How many times the stream was opened (refused opens included).
    public int Opened
    {
        get
        {
            lock (gate)
            {
                return opened;
            }
        }
    }

    // True while a caller holds an open connection.
    public bool Connected
    {
        get
        {
            lock (gate)
            {
                return current is not null;
            }
        }
    }

    // The next open fails with this instead of connecting.
    public void RefuseNext(Exception error)
    {
        lock (gate)
        {
            refusals.Enqueue(error);
        }
    }

    // Delivers the event on the open connection.
    public void Publish(ContainerEventResponse e)
    {
        lock (gate)
        {
            if (current is null || !current.Writer.TryWrite(e))
            {
                throw new InvalidOperationException("no container event stream is open");
            }
        }
    }

    // The runtime closes the stream normally: the caller's enumeration ends.
    public void End() => Close(null);

    // The call fails: the caller's enumeration throws this.
    public void Break(Exception error) => Close(error);

    internal async IAsyncEnumerable<ContainerEventResponse> OpenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Channel<ContainerEventResponse> connection;
        lock (gate)
        {
            opened++;
            if (refusals.Count > 0)
            {
                throw refusals.Dequeue();
            }

            connection = current = Channel.CreateUnbounded<ContainerEventResponse>();
        }

        try
        {
            while (await connection.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (connection.Reader.TryRead(out var e))
                {
                    yield return e;
                }
            }
        }
        finally
        {
            lock (gate)
            {
                if (ReferenceEquals(current, connection))
                {
                    current = null;
                }
            }
        }
    }

    private void Close(Exception? error)
    {
        lock (gate)
        {
            if (current is null)
            {
                throw new InvalidOperationException("no container event stream is open");
            }

            current.Writer.TryComplete(error);
            current = null;
        }
    }
}
