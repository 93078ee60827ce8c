/**
 * Connector factories of the Logto emulator: the two mock passwordless factories exactly as
 * 06-connector-factories-list recorded them, and Logto's mock social connector factory with the
 * metadata 06-connectors-create-mock-social-success returned (that factory is only loaded by the
 * LOGTO_SOCIAL_ENDPOINT process of the recording; the emulator always has it).
 *
 * Data copied from the recordings; nothing here is derived from Logto's source.
 */
import type { ConnectorFactory } from './state.js';

export const MOCK_EMAIL_FACTORY_ID = 'mock-email-service';
export const MOCK_SMS_FACTORY_ID = 'mock-short-message-service';
export const MOCK_SOCIAL_FACTORY_ID = 'mock-social-connector';

export const MOCK_EMAIL_FACTORY: ConnectorFactory = {
  id: "mock-email-service",
  target: "mock-mail",
  type: "Email",
  platform: null,
  isDemo: false,
  name: {
    "en": "Mock Mail Service",
    "zh-CN": "Mock 邮件服务",
    "tr-TR": "Mock Mail Servis",
    "ko": "Mock Mail Service"
  },
  description: {
    "en": "The description of Mock Mail Service.",
    "zh-CN": "Mock 邮件服务的描述。",
    "tr-TR": "Mock Mail Servis açıklaması.",
    "ko": "The description of Mock SMS Service."
  },
  logo: "data:image/svg+xml;base64,PHN2ZyB3aWR0aD0iMjQiIGhlaWdodD0iMjQiIHZpZXdCb3g9IjAgMCAyNCAyNCIgZmlsbD0ibm9uZSIgeG1sbnM9Imh0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnIj4KPHBhdGggZD0iTTE1LjMyMTUgMTUuMzM4NEg4LjY2MDE2VjIxLjk5OTdIMTUuMzIxNVYxNS4zMzg0WiIgZmlsbD0iIzk5RTFGNCIvPgo8cGF0aCBkPSJNOC42NjEzNCA4LjY2MTM4SDJWMTUuMzM4NEg4LjY2MTM0VjguNjYxMzhaIiBmaWxsPSIjOTlFMUY0Ii8+CjxwYXRoIGQ9Ik0yMS45OTkyIDguNjYxMzhIMTUuMzM3OVYxNS4zMzg0SDIxLjk5OTJWOC42NjEzOFoiIGZpbGw9IiMwMEIyRTMiLz4KPHBhdGggZD0iTTE1LjMyMTUgMkg4LjY2MDE2VjguNjYxMzVIMTUuMzIxNVYyWiIgZmlsbD0iIzAwQjJFMyIvPgo8cGF0aCBkPSJNOC42NjAxNiA4LjY2MTM4VjE1LjMzODRIMTUuMzM3MlY4LjY2MTM4SDguNjYwMTZaIiBmaWxsPSIjMDA5REQ5Ii8+Cjwvc3ZnPgo=",
  logoDark: null,
  readme: "# Mock mail connector\n\nFor integration tests only.\n",
  configTemplate: "{\n  \"apiKey\": \"<api-key>\",\n  \"fromEmail\": \"<noreply@logto.test.io>\",\n  \"fromName\": \"<OPTIONAL-logto>\",\n  \"templates\": [\n    {\n      \"usageType\": \"SignIn\",\n      \"type\": \"text/plain\",\n      \"subject\": \"Logto SignIn Template\",\n      \"content\": \"This is for sign-in purposes only. Your verification code is {{code}}.\"\n    },\n    {\n      \"usageType\": \"Register\",\n      \"type\": \"text/plain\",\n      \"subject\": \"Logto Register Template\",\n      \"content\": \"This is for registering purposes only. Your verification code is {{code}}.\"\n    },\n    {\n      \"usageType\": \"ForgotPassword\",\n      \"type\": \"text/plain\",\n      \"subject\": \"Logto ForgotPassword Template\",\n      \"content\": \"This is for resetting password purposes only. Your verification code is {{code}}.\"\n    },\n    {\n      \"usageType\": \"MfaVerification\",\n      \"type\": \"text/plain\",\n      \"subject\": \"Logto MfaVerification Template\",\n      \"content\": \"This is for MFA verification purposes only. Your verification code is {{code}}.\"\n    },\n    {\n      \"usageType\": \"Generic\",\n      \"type\": \"text/plain\",\n      \"subject\": \"Logto Generic Template\",\n      \"content\": \"This is for generic purpose through management API only. Your verification code is {{code}}.\"\n    },\n    {\n      \"usageType\": \"OrganizationInvitation\",\n      \"type\": \"text/plain\",\n      \"subject\": \"Logto Organization Invitation Template\",\n      \"content\": \"You have been invited to join an organization. Please click the link to accept: {{link}}.\"\n    },\n    {\n      \"usageType\": \"UserPermissionValidation\",\n      \"type\": \"text/plain\",\n      \"subject\": \"Logto User Permission Validation Template\",\n      \"content\": \"This is for validating user permission. Your verification code is {{code}}.\"\n    },\n    {\n      \"usageType\": \"BindNewIdentifier\",\n      \"type\": \"text/plain\",\n      \"subject\": \"Logto Bind New Identifier Template\",\n      \"content\": \"This is for binding a new identifier to your account. Your verification code is {{code}}.\"\n    },\n    {\n      \"usageType\": \"BindMfa\",\n      \"type\": \"text/plain\",\n      \"subject\": \"Logto Bind MFA Template\",\n      \"content\": \"This is for binding MFA to your account. Your verification code is {{code}}.\"\n    }\n  ]\n}\n",
};

export const MOCK_SMS_FACTORY: ConnectorFactory = {
  id: "mock-short-message-service",
  target: "mock-sms",
  type: "Sms",
  platform: null,
  isDemo: false,
  name: {
    "en": "Mock SMS Service",
    "zh-CN": "Mock 短信服务",
    "tr-TR": "Mock SMS Servis",
    "ko": "Mock SMS Service"
  },
  description: {
    "en": "The description of Mock SMS Service.",
    "zh-CN": "Mock 短信服务的描述。",
    "tr-TR": "Mock SMS Servis açıklaması.",
    "ko": "The description of Mock SMS Service."
  },
  logo: "data:image/svg+xml;base64,PHN2ZyB3aWR0aD0iMjQiIGhlaWdodD0iMjQiIHZpZXdCb3g9IjAgMCAyNCAyNCIgZmlsbD0ibm9uZSIgeG1sbnM9Imh0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnIj4KICA8cGF0aCBmaWxsLXJ1bGU9ImV2ZW5vZGQiIGNsaXAtcnVsZT0iZXZlbm9kZCIgZD0iTTExLjk4NTQgMkM2LjQ4MDIzIDIgMiA2LjQ4Njc3IDIgMTEuOTk5OUMyIDE3LjUxMzEgNi40ODAyMyAyMS45OTk5IDExLjk4NTQgMjEuOTk5OUMxNy41MTk4IDIyLjAyOTIgMjIgMTcuNTQyNCAyMiAxMS45OTk5QzIyIDYuNDU3NDUgMTcuNTE5OCAyIDExLjk4NTQgMlpNMTEuOTg1NCAxOS4zODk5QzcuOTQ0MzYgMTkuMzg5OSA0LjYzNTQzIDE2LjA3NjEgNC42MzU0MyAxMS45OTk5QzQuNjM1NDMgNy45NTMwNCA3Ljk0NDM2IDQuNjM5MjggMTEuOTg1NCA0LjYzOTI4QzE2LjA1NTYgNC42MzkyOCAxOS4zNjQ2IDcuOTUzMDQgMTkuMzY0NiAxMS45OTk5QzE5LjM2NDYgMTYuMDc2MSAxNi4wNTU2IDE5LjM4OTkgMTEuOTg1NCAxOS4zODk5Wk0xNC40NzQ5IDExLjU4OTRDMTUuNjIzMSAxMS41ODk0IDE2LjU1NCAxMC42NTcyIDE2LjU1NCA5LjUwNzMxQzE2LjU1NCA4LjM1NzQgMTUuNjIzMSA3LjQyNTIxIDE0LjQ3NDkgNy40MjUyMUMxMy4zMjY3IDcuNDI1MjEgMTIuMzk1OCA4LjM1NzQgMTIuMzk1OCA5LjUwNzMxQzEyLjM5NTggMTAuNjU3MiAxMy4zMjY3IDExLjU4OTQgMTQuNDc0OSAxMS41ODk0Wk0xNi41NTQgMTQuNDkyNkMxNi41NTQgMTUuNjQyNSAxNS42MjMxIDE2LjU3NDcgMTQuNDc0OSAxNi41NzQ3QzEzLjMyNjcgMTYuNTc0NyAxMi4zOTU4IDE1LjY0MjUgMTIuMzk1OCAxNC40OTI2QzEyLjM5NTggMTMuMzQyNyAxMy4zMjY3IDEyLjQxMDUgMTQuNDc0OSAxMi40MTA1QzE1LjYyMzEgMTIuNDEwNSAxNi41NTQgMTMuMzQyNyAxNi41NTQgMTQuNDkyNlpNOS40OTcwMyAxNi41NzQ3QzEwLjY0NTMgMTYuNTc0NyAxMS41NzYxIDE1LjY0MjUgMTEuNTc2MSAxNC40OTI2QzExLjU3NjEgMTMuMzQyNyAxMC42NDUzIDEyLjQxMDUgOS40OTcwMyAxMi40MTA1QzguMzQ4OCAxMi40MTA1IDcuNDE3OTcgMTMuMzQyNyA3LjQxNzk3IDE0LjQ5MjZDNy40MTc5NyAxNS42NDI1IDguMzQ4OCAxNi41NzQ3IDkuNDk3MDMgMTYuNTc0N1pNMTEuNTc2MSA5LjUwNzMxQzExLjU3NjEgMTAuNjU3MiAxMC42NDUzIDExLjU4OTQgOS40OTcwMyAxMS41ODk0QzguMzQ4OCAxMS41ODk0IDcuNDE3OTcgMTAuNjU3MiA3LjQxNzk3IDkuNTA3MzFDNy40MTc5NyA4LjM1NzQgOC4zNDg4IDcuNDI1MjEgOS40OTcwMyA3LjQyNTIxQzEwLjY0NTMgNy40MjUyMSAxMS41NzYxIDguMzU3NCAxMS41NzYxIDkuNTA3MzFaIiBzdHlsZT0iZmlsbDogcmdiKDcwLCA3MiwgMTQ4KTsiLz4KPC9zdmc+Cg==",
  logoDark: null,
  readme: "# Mock short message service connector\n\nFor integration tests only.\n",
  configTemplate: "{\n  \"accountSID\": \"<account-sid>\",\n  \"authToken\": \"<auth-token>\",\n  \"fromMessagingServiceSID\": \"<from-messaging-service-sid>\",\n  \"templates\": [\n    {\n      \"usageType\": \"SignIn\",\n      \"content\": \"This is for sign-in purposes only. Your verification code is {{code}}.\"\n    },\n    {\n      \"usageType\": \"Register\",\n      \"content\": \"This is for registering purposes only. Your verification code is {{code}}.\"\n    },\n    {\n      \"usageType\": \"ForgotPassword\",\n      \"content\": \"This is for resetting password purposes only. Your verification code is {{code}}.\"\n    },\n    {\n      \"usageType\": \"MfaVerification\",\n      \"content\": \"This is for MFA verification purposes only. Your verification code is {{code}}.\"\n    },\n    {\n      \"usageType\": \"Generic\",\n      \"content\": \"This is for generic purpose through management API only. Your verification code is {{code}}.\"\n    },\n    {\n      \"usageType\": \"OrganizationInvitation\",\n      \"content\": \"You have been invited to join an organization. Please click the link to accept: {{link}}.\"\n    },\n    {\n      \"usageType\": \"UserPermissionValidation\",\n      \"content\": \"This is for validating user permission. Your verification code is {{code}}.\"\n    },\n    {\n      \"usageType\": \"BindNewIdentifier\",\n      \"content\": \"This is for binding a new identifier to your account. Your verification code is {{code}}.\"\n    },\n    {\n      \"usageType\": \"BindMfa\",\n      \"content\": \"This is for binding MFA to your account. Your verification code is {{code}}.\"\n    }\n  ]\n}\n",
};

export const MOCK_SOCIAL_FACTORY: ConnectorFactory = {
  id: MOCK_SOCIAL_FACTORY_ID,
  target: "mock-social",
  type: 'Social',
  platform: "Universal",
  isDemo: false,
  name: {
    "en": "Mock Social",
    "zh-CN": "Mock 社交登录",
    "ko": "Mock Social",
    "tr-TR": "Mock Social"
  },
  description: {
    "en": "Social mock connector description",
    "zh-CN": "Mock 社交登录连接器的描述",
    "ko": "Social mock connector description",
    "tr-TR": "Social mock connector description"
  },
  logo: "./logo.svg",
  logoDark: null,
  readme: "./README.md",
  configTemplate: "./docs/config-template.json",
  extra: { isTokenStorageSupported: true },
};

export const DEFAULT_CONNECTOR_FACTORIES: readonly ConnectorFactory[] = [MOCK_EMAIL_FACTORY, MOCK_SMS_FACTORY, MOCK_SOCIAL_FACTORY];
