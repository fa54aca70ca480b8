
(()=>{
const $=(s,r=document)=>r.querySelector(s),$$=(s,r=document)=>Array.from(r.querySelectorAll(s));
const RULES=JSON.parse($('#rule-data').textContent);
const panel=$('#panel'),body=$('#panel-body'),docs=$$('.doc');
let marks=null,cur=null;
const allMarks=()=>marks||(marks=$$('mark[id^="f-"]'));
function hidden(el,r,s){return r.has(el.dataset.rule)||s.has(el.dataset.severity)}
function apply(){
 const r=new Set($$('input[data-filter=rule]:not(:checked)').map(i=>i.value));
 const s=new Set($$('input[data-filter=severity]:not(:checked)').map(i=>i.value));
 for(const m of $$('mark[data-fid]'))m.classList.toggle('off',hidden(m,r,s));
 for(const e of $$('.fi,.docf'))e.hidden=hidden(e,r,s);
 let total=0;
 for(const d of docs){const n=$$('.fi:not([hidden])',d).length;total+=n;
  $('.fcount',d).textContent=n;
  for(const b of $$('.badge[data-sev]',d)){const k=$$('.fi:not([hidden])[data-severity="'+b.dataset.sev+'"]',d).length;b.firstChild.textContent=k;b.hidden=!k}$('.fword',d).textContent=n===1?'finding':'findings';d.classList.toggle('none',!n)}
 $('#shown').textContent=total;$('#reset').hidden=!(r.size||s.size);
 if(cur&&cur.classList.contains('off'))closePanel();
}
function el(tag,cls,text){const e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e}
function show(mark){
 const seen=new Set(),list=[];
 for(let m=mark;m;m=m.parentElement&&m.parentElement.closest('mark[data-fid]')){
  const id=m.dataset.fid;if(seen.has(id)||m.classList.contains('off'))continue;seen.add(id);list.push(document.getElementById('f-'+id)||m)}
 if(!list.length)return;
 $$('.cur').forEach(e=>e.classList.remove('cur'));
 cur=list[0];
 body.textContent='';
 for(const m of list){
  const d=m.dataset,f=el('div','pf sev-'+d.severity),h=el('div','pf-h');
  h.append(el('span','badge sev-'+d.severity,d.severity),el('code',null,d.rule),el('span','where','line '+d.loc.replace(':',', col ')));
  f.append(h,el('p','pf-msg',d.message));
  const info=RULES[d.rule];
  if(info&&info.description){const x=el('details','pf-desc'),sm=el('summary',null,'What this rule checks');x.append(sm,el('p',null,info.description));f.append(x)}
  body.append(f);
  $$('mark[data-fid="'+d.fid+'"]').forEach(x=>x.classList.add('cur'));
  const li=$('.fi[data-fid="'+d.fid+'"]');if(li)li.classList.add('cur');
 }
 const doc=cur.closest('.doc'),vis=allMarks().filter(m=>!m.classList.contains('off'));
 $('#panel-title').textContent=(list.length>1?list.length+' findings here \u00b7 ':'Finding ')+(vis.indexOf(cur)+1)+' of '+vis.length;
 $('#panel-file').textContent=doc?'\u200e'+doc.dataset.path+'\u200e':'';
 panel.hidden=false;
}
function closePanel(){panel.hidden=true;cur=null;$$('.cur').forEach(e=>e.classList.remove('cur'))}
function go(id){
 const m=document.getElementById('f-'+id);if(!m)return;
 const det=m.closest('details');if(det&&!det.open)det.open=true;
 // Instant, not smooth: articles off screen are laid out only when reached
 // (content-visibility), so a long smooth scroll would miss its target.
 const into=()=>{const r=m.getBoundingClientRect();if(r.top<60||r.bottom>innerHeight)m.scrollIntoView({block:'center'})};
 m.scrollIntoView({block:'center'});requestAnimationFrame(()=>requestAnimationFrame(into));
 show(m);history.replaceState(null,'','#f-'+id);
}
function step(dir){
 const vis=allMarks().filter(m=>!m.classList.contains('off'));if(!vis.length)return;
 let i=cur?vis.indexOf(cur):-1;i=i<0?(dir>0?0:vis.length-1):(i+dir+vis.length)%vis.length;
 go(vis[i].dataset.fid);
}
document.addEventListener('change',e=>{if(e.target.matches('input[data-filter]'))apply()});
document.addEventListener('click',e=>{
 const t=e.target;
 const m=t.closest('mark[data-fid]');if(m&&!m.classList.contains('off')){show(m);return}
 const entry=t.closest('.fi,.docf');
 const a=t.closest('a[href^="#f-"]');
 if(entry||a){e.preventDefault();go((entry||a).dataset.fid||a.getAttribute('href').slice(3));return}
});
$('#close').onclick=closePanel;$('#next').onclick=()=>step(1);$('#prev').onclick=()=>step(-1);
$('#reset').onclick=()=>{$$('input[data-filter]').forEach(i=>i.checked=true);apply()};
document.addEventListener('keydown',e=>{
 if(e.ctrlKey||e.metaKey||e.altKey||(e.target.matches('input,textarea,select')&&e.key!=='Escape'))return;
 if(e.key==='Escape')closePanel();else if(e.key==='j'||e.key==='n')step(1);else if(e.key==='k'||e.key==='p')step(-1);
});
const h=location.hash.match(/^#f-(\d+)$/);if(h)go(h[1]);
apply();
})();
