package dev.hangar.runner.signing;

import dev.hangar.model.signing.AndroidSigningUpload;
import dev.hangar.model.signing.IosSigningUpload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A job's signing material on disk for the length of the job: written into a private directory
 * (0700, files 0600) and offered to the steps through environment variables. For Android also
 * {@code android/key.properties} in the workspace, as Flutter's deployment guide has the app's
 * Gradle file read it. The caller deletes the directory and that file when the job ends, whatever
 * the outcome.
 */
public record SigningFiles(Map<String, String> environment, Set<String> secrets, List<Path> files) {

  public static SigningFiles none() {
    return new SigningFiles(Map.of(), Set.of(), List.of());
  }

  public SigningFiles {
    environment = Map.copyOf(environment);
    secrets = Set.copyOf(secrets);
    files = List.copyOf(files);
  }

  /** {@code dir} must not exist yet; {@code workspace} is the checkout. */
  public static SigningFiles android(AndroidSigningUpload material, Path dir, Path workspace)
      throws IOException {
    PrivateFiles.directory(dir);
    Path keystore = PrivateFiles.file(dir.resolve("upload-keystore.jks"), material.keystore());
    Path keyProperties = workspace.resolve("android").resolve("key.properties");
    Files.createDirectories(keyProperties.getParent());
    Files.deleteIfExists(keyProperties);
    PrivateFiles.file(keyProperties, keyProperties(material, keystore));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HANGAR_ANDROID_KEYSTORE", keystore.toString());
    env.put("HANGAR_ANDROID_KEYSTORE_PASSWORD", material.keystorePassword());
    env.put("HANGAR_ANDROID_KEY_ALIAS", material.keyAlias());
    env.put("HANGAR_ANDROID_KEY_PASSWORD", material.keyPassword());
    return new SigningFiles(
        env,
        Set.of(material.keystorePassword(), material.keyPassword()),
        List.of(dir, keyProperties));
  }

  /** {@code dir} must not exist yet. Profiles are named after their bundle ids. */
  public static SigningFiles ios(IosSigningUpload material, Path dir) throws IOException {
    PrivateFiles.directory(dir);
    Path certificate = PrivateFiles.file(dir.resolve("certificate.p12"), material.certificate());
    Path profiles = PrivateFiles.directory(dir.resolve("profiles"));
    for (IosSigningUpload.Profile profile : material.profiles()) {
      PrivateFiles.file(
          profiles.resolve(fileName(profile.bundleId()) + ".mobileprovision"), profile.profile());
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HANGAR_IOS_CERTIFICATE", certificate.toString());
    env.put("HANGAR_IOS_CERTIFICATE_PASSWORD", material.certificatePassword());
    env.put("HANGAR_IOS_PROFILES_DIR", profiles.toString());
    env.put("HANGAR_IOS_TEAM_ID", material.teamId());
    return new SigningFiles(env, Set.of(material.certificatePassword()), List.of(dir));
  }

  /** A bundle id as a file name: {@code com.example.*} becomes {@code com.example.wildcard}. */
  static String fileName(String bundleId) {
    return bundleId
        .replace("*", "wildcard")
        .replaceAll("[^A-Za-z0-9.-]", "_")
        .toLowerCase(Locale.ROOT);
  }

  /** The keys Flutter's guide uses, escaped as java.util.Properties reads them (Gradle does). */
  private static byte[] keyProperties(AndroidSigningUpload material, Path keystore)
      throws IOException {
    Properties properties = new Properties();
    properties.setProperty("storePassword", material.keystorePassword());
    properties.setProperty("keyPassword", material.keyPassword());
    properties.setProperty("keyAlias", material.keyAlias());
    properties.setProperty("storeFile", keystore.toString());
    // The stream form writes ISO 8859-1 with escapes for other characters, exactly what
    // Properties.load reads back.
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    properties.store(text, "Written by hangar-runner for this build; removed when the build ends");
    return text.toByteArray();
  }

  @Override
  public String toString() {
    return "SigningFiles[variables=" + environment.keySet() + "]";
  }
}
