using System.Text.Json.Serialization;

namespace Sharplet.Server.Auth;

// Source-generated JSON for the review kinds (no reflection: the binary is trimmed and AOT-compiled).
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TokenReview))]
[JsonSerializable(typeof(SubjectAccessReview))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
