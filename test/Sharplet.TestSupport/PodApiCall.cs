namespace Sharplet.TestSupport;

// One call the in-memory pod API answered: method (GET, PATCH, DELETE, POST), the pod, a short detail (the
// patch body, the delete options, the mirror hash) and the error it answered with, if any.
internal sealed record PodApiCall(string Method, string? Namespace, string Name, string? Detail, Exception? Error)
{
    public bool Failed => Error is not null;
}
