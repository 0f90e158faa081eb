/**
 * `npm run demo:totp`: prints the current second-factor code of the demo's government and
 * administrator accounts, so a newcomer can try every role without an authenticator app.
 * Demo data only: production never creates these accounts.
 */
import { totpCode } from '../modules/identity/index.js';
import { DEMO_TOTP_SECRET } from '../demo/seed-demo.js';

const now = new Date();
const left = 30 - (Math.floor(now.getTime() / 1000) % 30);
console.log(`${totpCode(DEMO_TOTP_SECRET, now)}  (动态验证码，${left} 秒后更新 / one-time code, renews in ${left} s)`);
