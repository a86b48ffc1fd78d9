namespace Sharplet.Api.Validation;

/// <summary>Probes and lifecycle handlers (validateProbe and its liveness/readiness/startup variants, validateHandler, validateLifecycle).</summary>
internal static class ProbeValidator
{
    public const string IsNegativeErrorMsg = "must be greater than or equal to 0";

    private static readonly string[] SupportedSchemes = [URIScheme.Http, URIScheme.Https];

    public static void ValidateLiveness(Probe? probe, string path, PodValidationContext context)
    {
        if (probe is null)
        {
            return;
        }

        ValidateProbe(probe, path, context);
        RequireSingleSuccess(probe, path, context);
    }

    public static void ValidateReadiness(Probe? probe, string path, PodValidationContext context)
    {
        if (probe is null)
        {
            return;
        }

        ValidateProbe(probe, path, context);
        if (probe.TerminationGracePeriodSeconds is { } gracePeriod)
        {
            context.Add(FieldError.Invalid(path.Child("terminationGracePeriodSeconds"), gracePeriod, "must not be set for readinessProbes"));
        }
    }

    public static void ValidateStartup(Probe? probe, string path, PodValidationContext context)
    {
        if (probe is null)
        {
            return;
        }

        ValidateProbe(probe, path, context);
        RequireSingleSuccess(probe, path, context);
    }

    public static void ValidateLifecycle(Lifecycle lifecycle, string path, PodValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        if (lifecycle.PostStart is { } postStart)
        {
            ValidateHandler(new Handler(postStart.Exec, postStart.HttpGet, postStart.TcpSocket, null, postStart.Sleep), path.Child("postStart"), context);
        }

        if (lifecycle.PreStop is { } preStop)
        {
            ValidateHandler(new Handler(preStop.Exec, preStop.HttpGet, preStop.TcpSocket, null, preStop.Sleep), path.Child("preStop"), context);
        }
    }

    private static void ValidateProbe(Probe probe, string path, PodValidationContext context)
    {
        ValidateHandler(new Handler(probe.Exec, probe.HttpGet, probe.TcpSocket, probe.Grpc, null), path, context);
        NonNegative(probe.InitialDelaySeconds, path.Child("initialDelaySeconds"), context);
        NonNegative(probe.TimeoutSeconds, path.Child("timeoutSeconds"), context);
        NonNegative(probe.PeriodSeconds, path.Child("periodSeconds"), context);
        NonNegative(probe.SuccessThreshold, path.Child("successThreshold"), context);
        NonNegative(probe.FailureThreshold, path.Child("failureThreshold"), context);
        if (probe.TerminationGracePeriodSeconds is <= 0 and var gracePeriod)
        {
            context.Add(FieldError.Invalid(path.Child("terminationGracePeriodSeconds"), gracePeriod, "must be greater than 0"));
        }
    }

    // Liveness and startup probes cannot require several successes: one failure already acts.
    private static void RequireSingleSuccess(Probe probe, string path, PodValidationContext context)
    {
        var successThreshold = probe.SuccessThreshold ?? 0;
        if (successThreshold != 1)
        {
            context.Add(FieldError.Invalid(path.Child("successThreshold"), successThreshold, "must be 1"));
        }
    }

    // Exactly one action; the first one set wins and every later one is reported.
    private static void ValidateHandler(Handler handler, string path, PodValidationContext context)
    {
        var count = 0;
        if (handler.Exec is { } exec && Count(ref count, path.Child("exec"), context))
        {
            if (exec.Command is not { Count: > 0 })
            {
                context.Add(FieldError.Required(path.Child("exec").Child("command")));
            }
        }

        if (handler.HttpGet is { } httpGet && Count(ref count, path.Child("httpGet"), context))
        {
            ValidateHttpGet(httpGet, path.Child("httpGet"), context);
        }

        if (handler.TcpSocket is { } tcpSocket && Count(ref count, path.Child("tcpSocket"), context))
        {
            PortValidator.ValidatePortNumOrName(tcpSocket.Port, path.Child("tcpSocket").Child("port"), context);
        }

        if (handler.Grpc is { } grpc && Count(ref count, path.Child("grpc"), context))
        {
            PortValidator.ValidatePortNumOrName(grpc.Port, path.Child("grpc").Child("port"), context);
        }

        if (handler.Sleep is { } sleep && Count(ref count, path.Child("sleep"), context))
        {
            // Zero is allowed (PodLifecycleSleepActionAllowZero); an invalid grace period is reported elsewhere.
            if (context.GracePeriod is { } gracePeriod && (sleep.Seconds < 0 || sleep.Seconds > gracePeriod))
            {
                context.Add(FieldError.Invalid(path.Child("sleep"), sleep.Seconds,
                    $"must be non-negative and less than terminationGracePeriodSeconds ({gracePeriod})"));
            }
        }

        if (count == 0)
        {
            context.Add(FieldError.Required(path, "must specify a handler type"));
        }
    }

    private static bool Count(ref int count, string path, PodValidationContext context)
    {
        if (count > 0)
        {
            context.Add(FieldError.Forbidden(path, "may not specify more than 1 handler type"));
            return false;
        }

        count++;
        return true;
    }

    private static void ValidateHttpGet(HTTPGetAction action, string path, PodValidationContext context)
    {
        if (string.IsNullOrEmpty(action.Path))
        {
            context.Add(FieldError.Required(path.Child("path")));
        }

        PortValidator.ValidatePortNumOrName(action.Port, path.Child("port"), context);
        if (!SupportedSchemes.Contains(action.Scheme ?? string.Empty, StringComparer.Ordinal))
        {
            context.Add(FieldError.NotSupported(path.Child("scheme"), action.Scheme ?? string.Empty, SupportedSchemes));
        }

        foreach (var header in action.HttpHeaders ?? [])
        {
            context.AddInvalid(path.Child("httpHeaders"), header.Name, FormatValidation.IsHTTPHeaderName(header.Name));
        }
    }

    private static void NonNegative(int? value, string path, PodValidationContext context)
    {
        if (value is < 0)
        {
            context.Add(FieldError.Invalid(path, value.Value, IsNegativeErrorMsg));
        }
    }

    // upstream's commonHandler: the union of probe and lifecycle actions.
    private sealed record Handler(ExecAction? Exec, HTTPGetAction? HttpGet, TCPSocketAction? TcpSocket, GRPCAction? Grpc, SleepAction? Sleep);
}
