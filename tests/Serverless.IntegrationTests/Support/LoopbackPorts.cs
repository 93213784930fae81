using System.Net;
using System.Net.Sockets;

namespace Serverless.IntegrationTests.Support;

/// <summary>Ports for the processes the tests start (Azurite, the local host).</summary>
public static class LoopbackPorts
{
    // Handed out in this process: a port is free until its process binds it, so two instances could pick the same one.
    private static readonly HashSet<int> Given = [];

    /// <summary>
    /// A free port below Linux's ephemeral range (32768 and up): a port the system hands out could be taken, between
    /// this check and the process's bind, by any outgoing connection of the tests running alongside.
    /// </summary>
    public static int Free()
    {
        while (true)
        {
            var port = Random.Shared.Next(21000, 32000);
            lock (Given)
            {
                if (!Given.Add(port))
                {
                    continue;
                }
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use: try another.
            }
        }
    }
}
