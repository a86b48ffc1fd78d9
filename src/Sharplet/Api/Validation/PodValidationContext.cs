namespace Sharplet.Api.Validation;

/// <summary>What the validators of one pod share: the errors so far and the pod-wide facts containers are checked against.</summary>
internal sealed class PodValidationContext(List<FieldError> errors)
{
    public List<FieldError> Errors { get; } = errors;

    /// <summary>The valid volumes by name; mounts may only refer to these.</summary>
    public IReadOnlyDictionary<string, Volume> Volumes { get; set; } = new Dictionary<string, Volume>(StringComparer.Ordinal);

    /// <summary>The names in spec.resourceClaims that containers may refer to.</summary>
    public IReadOnlySet<string> ClaimNames { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>spec.terminationGracePeriodSeconds, the bound of lifecycle sleep actions.</summary>
    public long? GracePeriod { get; set; }

    /// <summary>spec.restartPolicy.</summary>
    public string RestartPolicy { get; set; } = string.Empty;

    /// <summary>spec.hostUsers, true unless set to false.</summary>
    public bool HostUsers { get; set; } = true;

    public void Add(FieldError error) => Errors.Add(error);

    /// <summary>One Invalid error per message, as upstream's <c>for _, msg := range … { field.Invalid(…) }</c>.</summary>
    public void AddInvalid(string field, string value, IEnumerable<string> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            Errors.Add(FieldError.Invalid(field, value, message));
        }
    }
}
