import { render } from 'preact';
import { t, uiLanguage } from '../shared/i18n';
import '../ui/base.css';
import './options.css';
import { Options } from './Options';

document.documentElement.lang = uiLanguage();
document.title = t('options_title');

render(<Options />, document.getElementById('app')!);
