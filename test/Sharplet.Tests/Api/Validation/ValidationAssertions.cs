using Sharplet.Api;
using Sharplet.Api.Validation;

namespace Sharplet.Tests.Api.Validation;

internal static class ValidationAssertions
{
    /// <summary>Asserts that validation reports an error of <paramref name="type"/> at exactly <paramref name="field"/>, and returns it.</summary>
    public static FieldError ShouldReport(this Pod pod, string field, FieldErrorType type)
    {
        var errors = PodValidator.Validate(pod);
        var match = errors.FirstOrDefault(error => error.Field == field && error.Type == type);
        match.ShouldNotBeNull($"expected {type} at {field}; got:\n{string.Join("\n", errors)}");
        return match;
    }

    public static void ShouldBeValid(this Pod pod)
    {
        var errors = PodValidator.Validate(pod);
        errors.ShouldBeEmpty(string.Join("\n", errors));
    }
}
