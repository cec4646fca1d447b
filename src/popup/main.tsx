import { render } from 'preact';

render(<p>Aftaletjek</p>, document.getElementById('app')!);
