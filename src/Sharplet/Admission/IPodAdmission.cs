using Sharplet.Api;
using Sharplet.Pods;

namespace Sharplet.Admission;

// Decides whether a newly seen pod may run on this node; a refused pod is reported Failed and never started.
internal interface IPodAdmission
{
    bool Admit(Pod pod, IPodWorkerStates workers);
}
