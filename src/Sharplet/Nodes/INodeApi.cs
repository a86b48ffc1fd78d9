using System.Text.Json.Nodes;
using Sharplet.Api;

namespace Sharplet.Nodes;

// The Node calls of registration and status updates. Failures are KubeApiException (404 included),
// KubeConnectionException or TimeoutException.
internal interface INodeApi
{
    Task<Node> GetAsync(string name, CancellationToken cancellationToken);

    Task<Node> CreateAsync(Node node, CancellationToken cancellationToken);

    // A strategic merge patch of nodes/NAME/status (metadata in the body applies too, as upstream relies on).
    Task<Node> PatchStatusAsync(string name, JsonObject patch, CancellationToken cancellationToken);
}
