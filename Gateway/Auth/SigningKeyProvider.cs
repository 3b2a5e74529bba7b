using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace GameCluster.Gateway.Auth;

/// <summary>
/// The HS256 key that signs and validates access tokens: <c>Auth:SigningKey</c>, or in the embedded default a
/// development key generated once and kept in <c>{Storage:Sqlite:DataDirectory}/gateway-signing.key</c> (owner-only).
/// </summary>
public sealed partial class SigningKeyProvider
{
    /// <summary>The file of the development key inside the data folder.</summary>
    public const string DevelopmentKeyFileName = "gateway-signing.key";

    private const int DevelopmentKeyBytes = 64;
    private readonly Lazy<SymmetricSecurityKey> _key;

    /// <summary>Creates the provider; the key is loaded on first use.</summary>
    public SigningKeyProvider(IOptions<AuthOptions> options, IConfiguration configuration, ILogger<SigningKeyProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = options.Value.SigningKey;
        var dataDirectory = configuration["Storage:Sqlite:DataDirectory"] is { Length: > 0 } directory ? directory : "data";
        _key = new Lazy<SymmetricSecurityKey>(
            () => string.IsNullOrEmpty(configured) ? LoadDevelopmentKey(dataDirectory, logger) : FromBase64(configured),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The signing key.</summary>
    public SymmetricSecurityKey Key => _key.Value;

    private static SymmetricSecurityKey FromBase64(string base64)
    {
        var bytes = Convert.FromBase64String(base64.Trim());
        if (bytes.Length < AuthOptionsValidator.MinSigningKeyBytes)
        {
            throw new InvalidOperationException($"The signing key must have at least {AuthOptionsValidator.MinSigningKeyBytes} bytes.");
        }

        return new SymmetricSecurityKey(bytes);
    }

    private static SymmetricSecurityKey LoadDevelopmentKey(string dataDirectory, ILogger logger)
    {
        var path = Path.GetFullPath(Path.Combine(dataDirectory, DevelopmentKeyFileName));
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            WriteOwnerOnly(temporary, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(DevelopmentKeyBytes)));
            try
            {
                File.Move(temporary, path, overwrite: false);
                LogDevelopmentKeyCreated(logger, path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process on the same data folder created it first; use theirs.
                File.Delete(temporary);
            }
        }

        var text = File.ReadAllText(path).Trim();
        if (!AuthOptionsValidator.IsValidKey(text))
        {
            throw new InvalidOperationException($"The development signing key file {path} is damaged; delete it to create a new one, or configure Auth:SigningKey.");
        }

        LogDevelopmentKeyInUse(logger, path);
        return FromBase64(text);
    }

    private static void WriteOwnerOnly(string path, string content)
    {
        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, streamOptions);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }
}
