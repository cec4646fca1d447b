/** Tasks as JSON files: import one (validated; a bad file changes nothing), export the active one. */
import { useState } from 'preact/hooks';
import { BUILTIN_PACK, type Pack } from '../core/pack';
import { t } from '../shared/i18n';
import { useBuiltinPack } from '../store/settings';
import { downloadText } from '../ui/download';
import { Icon } from '../ui/Icon';
import { saved, type Feedback } from './Feedback';
import { FileImport } from './FileImport';
import { IMPORTS } from './imports';

export function PackFiles({ pack }: { pack: Pack }) {
  const [feedback, setFeedback] = useState<Feedback>(null);
  const builtin = pack.id === BUILTIN_PACK.id;
  return (
    <div class="pack-files">
      <h3>{t('options_pack_files_heading')}</h3>
      <p>{t('options_pack_count', [String(pack.agreements.length), pack.supplier])}</p>
      <ul class="pack-agreements">
        {pack.agreements.map((a) => (
          <li key={a.id}>
            <strong>{a.code}</strong> {[a.title, a.version].filter(Boolean).join(' ')}
          </li>
        ))}
      </ul>
      <div class="row">
        <button type="button" class="button" onClick={() => downloadText(`${pack.id}.json`, JSON.stringify(pack, null, 2) + '\n', 'application/json')}>
          <Icon name="download" />
          {t('options_pack_export')}
        </button>
        {!builtin && (
          <button type="button" class="button" onClick={() => void useBuiltinPack().then((r) => setFeedback(saved(r, t('options_pack_builtin_ok'))))}>
            {t('options_pack_use_builtin')}
          </button>
        )}
      </div>
      <FileImport kind={IMPORTS.pack} feedback={feedback} onFeedback={setFeedback} />
    </div>
  );
}
