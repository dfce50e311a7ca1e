using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Workflow.Host.Security;

/// <summary>
/// Settings under "DataProtection": the certificate that encrypts the data-protection keys at rest (the keys sign the sign-in
/// cookies and API tokens). Either a PKCS#12 file with its password, or the thumbprint of a certificate in the CurrentUser or
/// LocalMachine "My" store. Neither: the keys are stored unencrypted (a warning at start in Production).
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>A .pfx/.p12 file holding the certificate and its RSA private key; relative paths are under the content root.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/> (empty for a file without one). Never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Instead of a file: the thumbprint of a certificate with a private key in the CurrentUser or LocalMachine "My" store.</summary>
    public string? CertificateThumbprint { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(CertificateThumbprint);
}

/// <summary>Loads and checks the key-encryption certificate, refusing to start with a message that says what is wrong.</summary>
public static class KeyProtection
{
    /// <summary>The configured certificate, or null when none is configured. Throws <see cref="InvalidOperationException"/> when it cannot be used.</summary>
    public static X509Certificate2? LoadCertificate(KeyProtectionOptions options, string contentRoot)
    {
        if (!options.IsConfigured) return null;
        if (!string.IsNullOrWhiteSpace(options.CertificatePath) && !string.IsNullOrWhiteSpace(options.CertificateThumbprint))
            throw Refused("DataProtection:CertificatePath 和 DataProtection:CertificateThumbprint 只能设置其中一个",
                "set either DataProtection:CertificatePath or DataProtection:CertificateThumbprint, not both");
        var certificate = string.IsNullOrWhiteSpace(options.CertificatePath)
            ? FromStore(options.CertificateThumbprint!.Replace(" ", "", StringComparison.Ordinal))
            : FromFile(Path.GetFullPath(options.CertificatePath, contentRoot), options.CertificatePassword);
        if (!certificate.HasPrivateKey)
            throw Refused($"证书 {certificate.Subject}（{certificate.Thumbprint}）没有私钥，无法解密已加密的密钥",
                $"the certificate {certificate.Thumbprint} has no private key");
        using var key = certificate.GetRSAPrivateKey();
        if (key is null)
            throw Refused($"证书 {certificate.Thumbprint} 不是 RSA 证书（密钥加密需要 RSA 密钥）", $"the certificate {certificate.Thumbprint} has no RSA key");
        return certificate;
    }

    private static X509Certificate2 FromFile(string path, string? password)
    {
        if (!File.Exists(path))
            throw Refused($"找不到证书文件 {path}（DataProtection:CertificatePath）", $"certificate file {path} not found");
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (UnauthorizedAccessException)
        {
            throw Refused($"没有读取证书文件 {path} 的权限", $"certificate file {path} is not readable by this account");
        }
        catch (CryptographicException)
        {
            throw Refused($"无法读取证书文件 {path}：密码（DataProtection:CertificatePassword）不对，或不是 PKCS#12（.pfx）文件",
                $"certificate file {path} could not be read: wrong password or not a PKCS#12 file");
        }
    }

    private static X509Certificate2 FromStore(string thumbprint)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
            {
                // A store that does not exist here (LocalMachine/My on Linux) holds no certificate.
                continue;
            }
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count > 0) return found[0];
        }
        throw Refused($"证书存储（CurrentUser/My、LocalMachine/My）中没有指纹为 {thumbprint} 的证书",
            $"no certificate with thumbprint {thumbprint} in the CurrentUser or LocalMachine My store");
    }

    private static InvalidOperationException Refused(string chinese, string english) =>
        new($"数据保护密钥证书不可用，系统不能启动：{chinese}。/ Data-protection key certificate unusable: {english}.");

    /// <summary>How many key elements of <paramref name="elements"/> hold their master key unencrypted.</summary>
    public static int UnencryptedKeys(IEnumerable<XElement> elements) =>
        elements.Count(e => e.Name.LocalName == "key" && e.Descendants().Any(d => d.Name.LocalName == "masterKey")
                                                     && !e.Descendants().Any(d => d.Name.LocalName == "encryptedSecret"));
}

/// <summary>
/// At start: warns in Production when no certificate protects the keys, and when a certificate is set but keys written before it
/// are still stored unencrypted (they stay readable and in use until they expire; new keys are encrypted).
/// </summary>
internal sealed class KeyProtectionStartupCheck(IOptions<KeyProtectionOptions> options, IOptions<KeyManagementOptions> keys,
    IHostEnvironment environment, ILogger<KeyProtectionStartupCheck> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured)
        {
            if (environment.IsProduction())
                log.LogWarning("数据保护密钥未加密：登录凭据和访问令牌的签名密钥以明文保存，请配置 DataProtection:CertificatePath（或 CertificateThumbprint）。" +
                               " / Data-protection keys are stored unencrypted at rest: configure DataProtection:CertificatePath or DataProtection:CertificateThumbprint.");
            return Task.CompletedTask;
        }
        var unencrypted = keys.Value.XmlRepository is { } repository ? KeyProtection.UnencryptedKeys(repository.GetAllElements()) : 0;
        if (unencrypted > 0)
            log.LogWarning("仍有{Count}个数据保护密钥以明文保存（配置证书之前生成）：它们在到期前继续使用，新密钥已加密。" +
                           " / {Count} data-protection keys written before the certificate was configured are still stored unencrypted; they stay in use until they expire.",
                unencrypted, unencrypted);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
