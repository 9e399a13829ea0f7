// A real SMTP server on loopback (Debian's python3-aiosmtpd) that records every message it accepts.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './sen_server.mjs';

const script = `
import asyncio, json, sys, email, email.policy
from aiosmtpd.controller import Controller
out = sys.argv[2]
class Handler:
    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with open(out, 'a') as f:
            f.write(json.dumps({'to': envelope.rcpt_tos, 'subject': str(msg['subject']),
                                'body': msg.get_body().get_content()}, ensure_ascii=False) + '\\n')
        return '250 OK'
c = Controller(Handler(), hostname='127.0.0.1', port=int(sys.argv[1]))
c.start()
print('ready', flush=True)
asyncio.get_event_loop().run_forever()
`;

export async function startSmtp() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sen-smtp-'));
  const file = path.join(dir, 'messages.jsonl');
  const port = await freePort();
  const child = spawn('/usr/bin/python3', ['-c', script, String(port), file], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => d.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`aiosmtpd exited with ${code}`)));
  });
  return {
    port,
    messages: () => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map(JSON.parse) : []),
    stop: () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
