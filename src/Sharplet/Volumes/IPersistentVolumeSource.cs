using Sharplet.Api;

namespace Sharplet.Volumes;

// The claim a pod volume names and the PersistentVolume it is bound to, read with the node's identity
// (the Node authorizer lets a node read those its pods refer to). Null: not found. Other failures throw
// VolumeObjectException naming the object.
internal interface IPersistentVolumeSource
{
    Task<PersistentVolumeClaim?> GetClaimAsync(string @namespace, string name, CancellationToken cancellationToken);

    Task<PersistentVolume?> GetVolumeAsync(string name, CancellationToken cancellationToken);
}
