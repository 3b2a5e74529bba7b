using System.Reflection;
using GameCluster.Client;
using GameCluster.Gateway.Http;

namespace GameCluster.Tests.ClientSdk;

/// <summary>
/// The client SDK mirrors the gateway's error codes (it must not depend on the gateway's assembly): every code the
/// gateway can answer with has the same name and value in <see cref="GameErrorCodes"/>.
/// </summary>
public sealed class ErrorCodeParityTests
{
    [Fact]
    public void EveryGatewayErrorCode_HasTheSameNameAndValueInTheClientSdk()
    {
        var client = Codes(typeof(GameErrorCodes));

        var gateway = Codes(typeof(ErrorCodes));

        Assert.NotEmpty(gateway);
        Assert.All(gateway, code => Assert.Equal(code.Value, client.GetValueOrDefault(code.Key)));
    }

    private static Dictionary<string, string?> Codes(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(static f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .ToDictionary(static f => f.Name, static f => (string?)f.GetRawConstantValue());
}
