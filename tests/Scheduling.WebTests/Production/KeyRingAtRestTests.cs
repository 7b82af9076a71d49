using System.Security.Cryptography;
using System.Text;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

/// <summary>
/// The Data Protection key ring lives in the database, so in every backup. With the configured
/// certificate the database file holds no key in clear (without it, the same check finds the key);
/// after a rotation the keys the previous certificate encrypted stay readable only while it is listed.
/// </summary>
public sealed class KeyRingAtRestTests
{
    private const string Purpose = "KeyRingAtRestTests";

    [Fact]
    public async Task WithTheCertificate_TheDatabaseFileHoldsNoMasterKey_WithoutIt_TheSameCheckFindsOne()
    {
        var folder = Directory.CreateTempSubdirectory("tace-keyring-").FullName;
        try
        {
            var certificate = KeyRingCertificates.Write(folder);

            var (encrypted, encryptedKeys) = await MasterKeysAndFileAsync(certificate);
            var (clear, clearKeys) = await MasterKeysAndFileAsync(null);

            Assert.NotEmpty(encryptedKeys);
            Assert.All(encryptedKeys, key => Assert.DoesNotContain(key, encrypted, StringComparison.Ordinal));
            Assert.DoesNotContain("<masterKey", encrypted, StringComparison.Ordinal);
            Assert.Contains("<encryptedSecret", encrypted, StringComparison.Ordinal);

            // The control: unencrypted, the key is right there in the file (so the check above can fail).
            Assert.NotEmpty(clearKeys);
            Assert.All(clearKeys, key => Assert.Contains(key, clear, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AfterARotation_WhatTheOldKeysProtected_StaysReadable_OnlyWhileTheOldCertificateIsListed()
    {
        var folder = Directory.CreateTempSubdirectory("tace-keyring-").FullName;
        await using var database = SqliteTestDatabase.Create();
        try
        {
            var old = KeyRingCertificates.Write(folder, "dataprotection-2026.pfx");
            var current = KeyRingCertificates.Write(folder, "dataprotection-2027.pfx", "the new password");
            string protectedText;
            await using (var before = await WebApp.StartAsync(database, With(old, KeyRingCertificates.Password)))
            {
                protectedText = Protector(before).Protect("an authenticator key");
            }

            await using (var rotated = await WebApp.StartAsync(database, builder =>
            {
                With(current, "the new password")(builder);
                builder.UseSetting("DataProtection:PreviousCertificates:0:Path", old);
                builder.UseSetting("DataProtection:PreviousCertificates:0:Password", KeyRingCertificates.Password);
            }))
            {
                Assert.Equal("an authenticator key", Protector(rotated).Unprotect(protectedText));
            }

            await using var withoutTheOld = await WebApp.StartAsync(database, With(current, "the new password"));
            Assert.ThrowsAny<CryptographicException>(() => Protector(withoutTheOld).Unprotect(protectedText));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Starts the app on a new database (with the certificate, or none), has it make a key, and returns the
    /// database files' text (file and WAL, where recent pages are) with the master keys the app holds in memory.
    /// </summary>
    private static async Task<(string FileText, List<string> MasterKeys)> MasterKeysAndFileAsync(string? certificate)
    {
        await using var database = SqliteTestDatabase.Create();
        List<string> masterKeys;
        await using (var app = await WebApp.StartAsync(database, certificate is null ? null : With(certificate, KeyRingCertificates.Password)))
        {
            Protector(app).Protect("make a key");
            Assert.NotEqual(0, await WebApp.WithDbAsync(app, db => db.DataProtectionKeys.CountAsync()));
            masterKeys = [.. app.Services.GetRequiredService<IKeyManager>().GetAllKeys()
                .SelectMany(key => key.Descriptor.ExportToXml().SerializedDescriptorElement.Descendants("value"))
                .Select(value => value.Value)];
        }

        var text = new StringBuilder();
        foreach (var file in new[] { database.FilePath, database.FilePath + "-wal" }.Where(File.Exists))
        {
            text.Append(Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken)));
        }

        return (text.ToString(), masterKeys);
    }

    private static Action<IWebHostBuilder> With(string certificate, string password) => builder =>
    {
        builder.UseSetting("DataProtection:CertificatePath", certificate);
        builder.UseSetting("DataProtection:CertificatePassword", password);
    };

    private static IDataProtector Protector(SchedulingWebFactory app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
