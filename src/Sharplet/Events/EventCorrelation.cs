using Sharplet.Api;

namespace Sharplet.Events;

// What to write for one recorded event: a new Event (Count 1), or a repeat to PATCH onto the existing one
// (its name, the new count, lastTimestamp and message); or nothing when the spam filter drops it.
internal sealed record EventCorrelation(Event? Event, string Key, bool IsRepeat)
{
    public bool Skip => Event is null;
}
