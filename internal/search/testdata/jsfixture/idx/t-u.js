window.labyrintSearch.load("t-u",{"uddan":"TuZ nelse","uden":"KuK","udgangspunk":"JtQ t","uger":"HtD","ung":"EudHvFGzL e","ungdomsår":"TuZ ene","ungeforløb":"MtD","ungeindsat":"T8K s"});
