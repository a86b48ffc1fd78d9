namespace Sharplet.Doctor;

/// <summary>The node's Lease in kube-node-lease: when it was last renewed and for how long it holds; or why it could not be read.</summary>
internal sealed record LeaseObservation(string NodeName, bool Found, DateTimeOffset? RenewTime, int? DurationSeconds, string? Error = null);
