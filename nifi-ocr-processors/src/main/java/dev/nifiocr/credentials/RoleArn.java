package dev.nifiocr.credentials;

import java.util.regex.Pattern;

/**
 * The resource name of a CAM role, as STS AssumeRole and AssumeRoleWithWebIdentity take it:
 * {@code qcs::cam::uin/<account UIN>:roleName/<role name>}, or {@code :role/<role ID>}, and service roles under a path such
 * as {@code :roleName/tencentcloudServiceRole/<name>}. Checked before any call, so that a wrong form (an AWS
 * {@code arn:aws:iam::...}, a bare role name) is named where it is typed rather than as an STS error code.
 */
public final class RoleArn {

    public static final String EXAMPLE = "qcs::cam::uin/100000000001:roleName/nifi-ocr";
    // CAM role names and path parts: 1 to 128 letters, digits or +=,.@_-
    private static final Pattern FORM = Pattern.compile("qcs::cam::uin/\\d{1,20}:(?:roleName|role)/[\\w+=,.@-]{1,128}(?:/[\\w+=,.@-]{1,128})*");

    private RoleArn() {
    }

    /** Null when {@code arn} is a CAM role ARN; else why not, in words, quoting it. */
    public static String problem(final String arn) {
        if (arn != null && FORM.matcher(arn.strip()).matches()) {
            return null;
        }
        final String form = "qcs::cam::uin/<account UIN>:roleName/<role name> (or :role/<role ID>), e.g. " + EXAMPLE;
        if (arn != null && arn.strip().startsWith("arn:")) {
            return "[%s] is an AWS-style ARN; a Tencent Cloud CAM role is named %s".formatted(arn, form);
        }
        return "[%s] is not a CAM role ARN: %s".formatted(arn, form);
    }

    /**
     * @param where where the value comes from, e.g. "Assume Role ARN" or "environment variable TKE_ROLE_ARN"
     * @return the ARN, stripped
     * @throws IllegalArgumentException when it is not a CAM role ARN
     */
    public static String require(final String where, final String arn) {
        final String problem = problem(arn);
        if (problem != null) {
            throw new IllegalArgumentException(where + ": " + problem);
        }
        return arn.strip();
    }
}
