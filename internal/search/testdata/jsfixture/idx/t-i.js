window.labyrintSearch.load("t-i",{"indgang":"FsC en","indkøb":"LtQ","indsat":"CwCQ3A s","inspiration":"AwL"});
