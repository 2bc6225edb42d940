namespace ResilienceLab.Infrastructure.Local;

/// <summary>An intrusive doubly-linked list of <see cref="QueuedMessage"/> over their Previous/Next links.</summary>
internal sealed class QueuedMessageList
{
    public QueuedMessage? Head { get; private set; }

    public QueuedMessage? Tail { get; private set; }

    public int Count { get; private set; }

    public void AddLast(QueuedMessage message)
    {
        message.Previous = Tail;
        message.Next = null;
        if (Tail is null)
        {
            Head = message;
        }
        else
        {
            Tail.Next = message;
        }

        Tail = message;
        Count++;
    }

    /// <summary>Inserts keeping the list ordered by <see cref="QueuedMessage.VisibleAt"/>; the usual case appends at the tail.</summary>
    public void InsertByVisibleAt(QueuedMessage message)
    {
        var after = Tail;
        while (after is not null && after.VisibleAt > message.VisibleAt)
        {
            after = after.Previous;
        }

        if (after is null)
        {
            message.Previous = null;
            message.Next = Head;
            if (Head is null)
            {
                Tail = message;
            }
            else
            {
                Head.Previous = message;
            }

            Head = message;
            Count++;
            return;
        }

        if (after == Tail)
        {
            AddLast(message);
            return;
        }

        message.Previous = after;
        message.Next = after.Next;
        after.Next!.Previous = message;
        after.Next = message;
        Count++;
    }

    public void Remove(QueuedMessage message)
    {
        if (message.Previous is null)
        {
            Head = message.Next;
        }
        else
        {
            message.Previous.Next = message.Next;
        }

        if (message.Next is null)
        {
            Tail = message.Previous;
        }
        else
        {
            message.Next.Previous = message.Previous;
        }

        message.Previous = null;
        message.Next = null;
        Count--;
    }

    public void Clear()
    {
        Head = null;
        Tail = null;
        Count = 0;
    }
}
