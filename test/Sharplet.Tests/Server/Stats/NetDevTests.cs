using Sharplet.Server.Stats;

namespace Sharplet.Tests.Server.Stats;

public sealed class NetDevTests
{
    private static readonly byte[] Sample = """
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo:    1000      10    0    0    0     0          0         0     1000      10    0    0    0     0       0          0
          eth0: 123456789   1000    3    0    0     0          0         0 98765432     900    5    0    0     0       0          0
         veth1:       7       1    0    0    0     0          0         0        8       1    0    0    0     0       0          0
        short: 1 2 3
        """u8.ToArray();

    [Fact]
    public void Parse_Interfaces_TakesRxTxBytesAndErrorsAndLeavesOutLoopbackAndHeaders()
    {
        var samples = NetDev.Parse(Sample);

        samples.ShouldBe([new InterfaceSample("eth0", 123456789, 3, 98765432, 5), new InterfaceSample("veth1", 7, 0, 8, 0)]);
    }

    [Fact]
    public void Read_MissingFile_IsEmpty()
    {
        NetDev.Read("/proc/0/net/dev-missing").ShouldBeEmpty();
    }
}
