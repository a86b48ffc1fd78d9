using System.Net.NetworkInformation;
using Sharplet.Nodes;

namespace Sharplet.Tests.Nodes;

// The node's address is read from the interface list, which .NET (before 11) fails to read when an interface
// disappears during the read (dotnet/runtime#49515): CNI deletes veths all the time on a node.
public sealed class NodeFactsTests
{
    [Fact]
    public void DetectAddresses_InterfaceVanishesDuringTheRead_ReadsAgain_AndFindsTheSameAddress()
    {
        var calls = 0;

        var addresses = NodeFacts.DetectAddresses(() => ++calls switch
        {
            1 => throw new ArgumentException("An invalid IP address was specified.", "address"),
            2 => throw new NetworkInformationException(19),
            3 => throw new IOException("/sys/class/net/veth1234/operstate: No such device"),
            _ => NetworkInterface.GetAllNetworkInterfaces(),
        });

        addresses.ShouldBe(NodeFacts.DetectAddresses());
        calls.ShouldBe(4);
    }

    [Fact]
    public void DetectAddresses_ReadFailsEveryTime_FailsTheStartNamingTheProblemAndTheFlag_AfterTheLastAttempt()
    {
        var calls = 0;

        var ex = Should.Throw<IOException>(() => NodeFacts.DetectAddresses(() =>
        {
            calls++;
            throw new ArgumentException("An invalid IP address was specified.", "address");
        }));

        calls.ShouldBe(NodeFacts.AddressReadAttempts);
        ex.Message.ShouldContain("Cannot read the node's network addresses");
        ex.Message.ShouldContain("An invalid IP address was specified");
        ex.Message.ShouldContain("--node-ip");
    }

    [Fact]
    public void DetectAddresses_AnUnrelatedFault_IsNotRetried()
    {
        var calls = 0;

        Should.Throw<InvalidOperationException>(() => NodeFacts.DetectAddresses(() =>
        {
            calls++;
            throw new InvalidOperationException("bug");
        }));

        calls.ShouldBe(1);
    }
}
